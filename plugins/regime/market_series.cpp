#include "market_series.hpp"

#include <cmath>
#include <limits>

namespace mosaic::regime {

namespace {
bool valid_price(double p) { return std::isfinite(p) && p > 0.0; }
}  // namespace

std::vector<double> log_returns(std::span<const double> prices) {
  std::vector<double> r(prices.size(), std::numeric_limits<double>::quiet_NaN());
  for (size_t t = 1; t < prices.size(); ++t)
    if (valid_price(prices[t]) && valid_price(prices[t - 1])) r[t] = std::log(prices[t] / prices[t - 1]);
  return r;
}

std::vector<double> equal_weight_log_returns(const std::vector<std::span<const double>>& prices) {
  const size_t n = prices.empty() ? 0 : prices.front().size();
  std::vector<double> sum(n, 0.0), count(n, 0.0);
  for (const auto& p : prices)
    for (size_t t = 1; t < n && t < p.size(); ++t)
      if (valid_price(p[t]) && valid_price(p[t - 1])) {
        sum[t] += p[t] / p[t - 1] - 1.0;
        count[t] += 1.0;
      }
  std::vector<double> r(n, std::numeric_limits<double>::quiet_NaN());
  for (size_t t = 1; t < n; ++t)
    if (count[t] > 0.0) r[t] = std::log1p(sum[t] / count[t]);
  return r;
}

}  // namespace mosaic::regime
