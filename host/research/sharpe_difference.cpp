#include "host/research/sharpe_difference.hpp"

#include "host/research/moments.hpp"
#include "host/research/normal.hpp"

#include <cmath>
#include <stdexcept>

namespace mosaic::host::research {

double correlation(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size()) throw std::invalid_argument("correlation: series lengths differ");
  const std::size_t n = a.size();
  if (n < 2) throw std::invalid_argument("correlation: need at least 2 periods");
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ma += a[i];
    mb += b[i];
  }
  ma /= static_cast<double>(n);
  mb /= static_cast<double>(n);
  double saa = 0, sbb = 0, sab = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double da = a[i] - ma, db = b[i] - mb;
    saa += da * da;
    sbb += db * db;
    sab += da * db;
  }
  if (!(saa > 0 && sbb > 0)) throw std::invalid_argument("correlation: a series is constant");
  return sab / std::sqrt(saa * sbb);
}

SharpeDifferenceTest jobson_korkie_memmel(double sharpe_a, double sharpe_b, double rho, std::size_t periods,
                                          double confidence) {
  if (periods < 2) throw std::invalid_argument("jobson_korkie_memmel: need at least 2 periods");
  if (!(rho >= -1 && rho <= 1)) throw std::invalid_argument("jobson_korkie_memmel: correlation outside [-1, 1]");
  if (!(confidence > 0 && confidence < 1)) throw std::invalid_argument("jobson_korkie_memmel: confidence outside (0, 1)");
  const double theta = (2 - 2 * rho + 0.5 * (sharpe_a * sharpe_a + sharpe_b * sharpe_b -
                                             2 * sharpe_a * sharpe_b * rho * rho)) /
                       static_cast<double>(periods);
  if (!(theta > 0)) throw std::invalid_argument("jobson_korkie_memmel: the variance of the difference is zero");
  SharpeDifferenceTest t;
  t.sharpe_a = sharpe_a;
  t.sharpe_b = sharpe_b;
  t.correlation = rho;
  t.difference = sharpe_a - sharpe_b;
  t.std_error = std::sqrt(theta);
  t.z = t.difference / t.std_error;
  t.p_value = 2 * normal_cdf(-std::abs(t.z));
  const double q = normal_quantile(1 - (1 - confidence) / 2);
  t.ci_low = t.difference - q * t.std_error;
  t.ci_high = t.difference + q * t.std_error;
  return t;
}

SharpeDifferenceTest jobson_korkie_memmel(std::span<const double> returns_a, std::span<const double> returns_b,
                                          double confidence) {
  const double rho = correlation(returns_a, returns_b);
  return jobson_korkie_memmel(sharpe_ratio(returns_a), sharpe_ratio(returns_b), rho, returns_a.size(), confidence);
}

}  // namespace mosaic::host::research
