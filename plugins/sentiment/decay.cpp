#include "decay.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace mosaic::sentiment {

namespace {
constexpr int kRescaleExponent = 512;
constexpr double kTiny = 0x1p-512;  // 2^-kRescaleExponent
}  // namespace

size_t first_bar_at_or_after(std::span<const int64_t> calendar, int64_t ts) {
  return static_cast<size_t>(std::lower_bound(calendar.begin(), calendar.end(), ts) - calendar.begin());
}

double decayed_average(std::vector<NewsEvent>& events, std::span<const std::span<double>> columns,
                       const DecayOptions& options) {
  if (!(options.half_life > 0)) throw std::invalid_argument("half_life must be positive");
  const double lambda = std::exp2(-1.0 / options.half_life);
  // Stable: items of one asset and bar are added in the order they came. std::sort put them
  // in an order that depended on every item, later ones included, so a bar's last bits
  // changed when bars were added after it (mosaic modules check, look-ahead).
  std::stable_sort(events.begin(), events.end(), [](const NewsEvent& a, const NewsEvent& b) {
    return a.asset != b.asset ? a.asset < b.asset : a.bar < b.bar;
  });

  size_t covered = 0;
  auto next = events.begin();
  for (size_t a = 0; a < columns.size(); ++a) {
    const std::span<double> out = columns[a];
    covered += (next != events.end() && next->asset == a) ? 1 : 0;
    double sum = 0, weight = 0, last = 0;
    for (size_t t = 0; t < out.size(); ++t) {
      sum *= lambda;
      weight *= lambda;
      for (; next != events.end() && next->asset == a && next->bar == t; ++next) {
        sum += next->score;
        weight += 1.0;
      }
      // The plain mean depends only on the ratio: rescale both by a power of two (exact)
      // before they sink into subnormals, where the ratio would lose its digits. Faded
      // values may underflow: their limit is 0.
      if (!options.fade && weight > 0 && weight < kTiny) {
        sum = std::ldexp(sum, kRescaleExponent);
        weight = std::ldexp(weight, kRescaleExponent);
      }
      if (weight > 0) last = std::clamp(sum / (options.fade ? std::max(weight, 1.0) : weight), -1.0, 1.0);
      else if (options.fade) last = 0;
      out[t] = last;
    }
    if (next != events.end() && next->asset == a)
      throw std::invalid_argument("event at bar " + std::to_string(next->bar) + " is beyond the last bar");
  }
  if (next != events.end()) throw std::invalid_argument("event for an asset out of range");
  return columns.empty() ? 0.0 : static_cast<double>(covered) / static_cast<double>(columns.size());
}

}  // namespace mosaic::sentiment
