// Jobson-Korkie test of the difference of two Sharpe ratios, with Memmel's (2003)
// correction of the asymptotic variance:
//   theta = (1/T) (2 - 2 rho + 0.5 (SR_a^2 + SR_b^2 - 2 SR_a SR_b rho^2)),
//   z = (SR_a - SR_b) / sqrt(theta), two-sided p = 2 (1 - Phi(|z|)).
// Sharpe ratios are per period; rho is the correlation of the two return series.
#pragma once

#include <cstddef>
#include <span>

namespace mosaic::host::research {

struct SharpeDifferenceTest {
  double sharpe_a = 0;
  double sharpe_b = 0;
  double correlation = 0;
  double difference = 0;  // sharpe_a - sharpe_b
  double std_error = 0;   // sqrt(theta)
  double z = 0;
  double p_value = 0;     // two-sided
  double ci_low = 0;      // difference -/+ Phi^-1(1 - (1 - confidence)/2) std_error
  double ci_high = 0;
};

// From the statistics. Throws std::invalid_argument for periods < 2, |correlation| > 1,
// confidence outside (0, 1), or a non-positive theta.
SharpeDifferenceTest jobson_korkie_memmel(double sharpe_a, double sharpe_b, double correlation,
                                          std::size_t periods, double confidence = 0.95);

// From two aligned per-period return series (sample Sharpe ratios, Pearson correlation).
// Throws std::invalid_argument when the lengths differ or a series is constant.
SharpeDifferenceTest jobson_korkie_memmel(std::span<const double> returns_a, std::span<const double> returns_b,
                                          double confidence = 0.95);

// Pearson correlation of two aligned series; throws like the above.
double correlation(std::span<const double> a, std::span<const double> b);

}  // namespace mosaic::host::research
