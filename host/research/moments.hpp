// Per-period Sharpe ratio and the higher moments of a return series.
#pragma once

#include <cstddef>
#include <span>

namespace mosaic::host::research {

struct ReturnMoments {
  std::size_t periods = 0;
  double mean = 0;
  double stdev = 0;     // sample standard deviation (divisor n - 1)
  double sharpe = 0;    // mean / stdev, per period, no risk-free rate
  double skewness = 0;  // m3 / m2^1.5, central moments with divisor n
  double kurtosis = 0;  // m4 / m2^2, ordinary (non-excess): 3 for a normal
};

// Throws std::invalid_argument with fewer than 2 returns or zero variance.
ReturnMoments return_moments(std::span<const double> returns);

// Per-period Sharpe ratio mean / sample stdev; throws like return_moments.
double sharpe_ratio(std::span<const double> returns);

}  // namespace mosaic::host::research
