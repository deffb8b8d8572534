#include "rolling_covariance.hpp"

#include <algorithm>
#include <stdexcept>

namespace mosaic::risk {

void RollingCovariance::reset(size_t assets, size_t window) {
  if (window < 2) throw std::invalid_argument("rolling covariance: the window must hold at least 2 bars");
  window_.reset(assets, window);
}

void RollingCovariance::push(std::span<const double> returns) {
  if (returns.size() != window_.assets())
    throw std::invalid_argument("rolling covariance: one return per asset expected");
  window_.push(returns);
}

double RollingCovariance::covariance(size_t i, size_t j) const {
  const auto n = static_cast<double>(window_.count());
  return (window_.cross(i, j) - window_.sum(i) * window_.sum(j) / n) / (n - 1.0);
}

double RollingCovariance::variance_of(std::span<const double> w) const {
  const size_t p = window_.assets();
  const auto n = static_cast<double>(window_.count());
  double quad = 0.0, mean = 0.0;
  for (size_t j = 0; j < p; ++j) {
    if (w[j] == 0.0) continue;
    double s = 0.0;
    for (size_t i = 0; i < p; ++i) s += window_.cross(i, j) * w[i];
    quad += w[j] * s;
    mean += w[j] * window_.sum(j);
  }
  return std::max(0.0, (quad - mean * mean / n) / (n - 1.0));
}

}  // namespace mosaic::risk
