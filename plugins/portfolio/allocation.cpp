#include "allocation.hpp"

#include <cmath>

namespace mosaic::portfolio {

void signal_proportional(std::span<const double> s, bool long_only, std::span<double> w) {
  const size_t n = s.size();
  for (auto& x : w) x = 0.0;
  if (long_only) {
    double total = 0.0;
    for (size_t i = 0; i < n; ++i)
      if (s[i] > 0.0) total += s[i];
    if (total > 0.0)
      for (size_t i = 0; i < n; ++i) w[i] = s[i] > 0.0 ? s[i] / total : 0.0;
    return;
  }
  double mean = 0.0;
  size_t count = 0;
  for (size_t i = 0; i < n; ++i)
    if (std::isfinite(s[i])) {
      mean += s[i];
      ++count;
    }
  if (count == 0) return;
  mean /= static_cast<double>(count);
  double gross = 0.0;
  for (size_t i = 0; i < n; ++i)
    if (std::isfinite(s[i])) gross += std::fabs(s[i] - mean);
  if (!(gross > 0.0)) return;
  for (size_t i = 0; i < n; ++i)
    if (std::isfinite(s[i])) w[i] = (s[i] - mean) / gross;
}

void equal_weight_positive(std::span<const double> s, bool long_only, std::span<double> w) {
  const size_t n = s.size();
  for (auto& x : w) x = 0.0;
  size_t pos = 0, neg = 0;
  for (size_t i = 0; i < n; ++i) {
    pos += s[i] > 0.0 ? 1 : 0;
    neg += s[i] < 0.0 ? 1 : 0;
  }
  if (long_only) {
    if (pos == 0) return;
    for (size_t i = 0; i < n; ++i) w[i] = s[i] > 0.0 ? 1.0 / static_cast<double>(pos) : 0.0;
    return;
  }
  if (pos == 0 || neg == 0) return;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] > 0.0) w[i] = 0.5 / static_cast<double>(pos);
    else if (s[i] < 0.0) w[i] = -0.5 / static_cast<double>(neg);
  }
}

void inverse_volatility(std::span<const double> vols, std::span<double> w) {
  const size_t n = vols.size();
  double total = 0.0;
  for (size_t i = 0; i < n; ++i)
    if (vols[i] > 0.0 && std::isfinite(vols[i])) total += 1.0 / vols[i];
  for (size_t i = 0; i < n; ++i)
    w[i] = (total > 0.0 && vols[i] > 0.0 && std::isfinite(vols[i])) ? (1.0 / vols[i]) / total : 0.0;
}

}  // namespace mosaic::portfolio
