#include "host/research/deflated_sharpe.hpp"

#include "host/research/moments.hpp"
#include "host/research/normal.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace mosaic::host::research {

double expected_max_sharpe(std::size_t trials, double sharpe_variance) {
  if (trials == 0) throw std::invalid_argument("expected_max_sharpe: trials must be at least 1");
  if (!(sharpe_variance >= 0)) throw std::invalid_argument("expected_max_sharpe: variance must be >= 0");
  if (trials == 1) return 0.0;
  const double gamma = std::numbers::egamma;
  const double n = static_cast<double>(trials);
  return std::sqrt(sharpe_variance) *
         ((1 - gamma) * normal_quantile(1 - 1 / n) + gamma * normal_quantile(1 - 1 / (n * std::numbers::e)));
}

DeflatedSharpe deflated_sharpe(double sharpe, double skewness, double kurtosis, std::size_t periods,
                               std::size_t trials, double sharpe_variance) {
  if (periods < 2) throw std::invalid_argument("deflated_sharpe: need at least 2 periods");
  const double denom = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
  if (!(denom > 0)) throw std::invalid_argument("deflated_sharpe: 1 - skew SR + (kurt-1)/4 SR^2 must be > 0");
  DeflatedSharpe d;
  d.sharpe = sharpe;
  d.expected_max_sharpe = expected_max_sharpe(trials, sharpe_variance);
  d.z = (sharpe - d.expected_max_sharpe) * std::sqrt(static_cast<double>(periods) - 1) / std::sqrt(denom);
  d.probability = normal_cdf(d.z);
  return d;
}

DeflatedSharpe deflated_sharpe(std::span<const double> returns, std::size_t trials, double sharpe_variance) {
  const ReturnMoments m = return_moments(returns);
  return deflated_sharpe(m.sharpe, m.skewness, m.kurtosis, m.periods, trials, sharpe_variance);
}

}  // namespace mosaic::host::research
