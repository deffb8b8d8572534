#include "host/monitor/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace mosaic::host {
namespace {

// Dense around a few milliseconds, where module SLAs and the per-bar budget sit, so an
// alert threshold falls close to a bucket edge.
constexpr std::array<double, 13> kExportBoundsMs = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 50, 100, 250, 1000, 10000};

}  // namespace

std::span<const double> LatencyHistogram::export_bounds_ms() { return kExportBoundsMs; }

void LatencyHistogram::record(double ms) {
  if (!(ms >= 0)) ms = 0;  // a NaN or a clock step back counts as instant, not lost
  int fine = 0;
  if (ms > kLowestMs) fine = static_cast<int>(std::ceil(std::log2(ms / kLowestMs) * kStepsPerDoubling));
  fine_[static_cast<size_t>(std::clamp(fine, 0, kFineBuckets))]++;
  auto coarse = std::lower_bound(kExportBoundsMs.begin(), kExportBoundsMs.end(), ms) - kExportBoundsMs.begin();
  coarse_[static_cast<size_t>(coarse)]++;
  min_ms_ = count_ == 0 ? ms : std::min(min_ms_, ms);
  max_ms_ = std::max(max_ms_, ms);
  sum_ms_ += ms;
  count_++;
}

double LatencyHistogram::percentile(double p) const {
  if (count_ == 0) return 0.0;
  const auto rank = std::clamp<uint64_t>(static_cast<uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_))),
                                         1, count_);
  if (rank == count_) return max_ms_;  // the extremes are known exactly
  if (rank == 1) return min_ms_;
  uint64_t seen = 0;
  size_t bucket = 0;
  for (; bucket < fine_.size(); ++bucket) {
    seen += fine_[bucket];
    if (seen >= rank) break;
  }
  // Bucket b holds (lowest * 2^((b-1)/k), lowest * 2^(b/k)]; its geometric middle is half a step down.
  const double middle = kLowestMs * std::exp2((static_cast<double>(bucket) - 0.5) / kStepsPerDoubling);
  return std::clamp(middle, min_ms_, max_ms_);
}

std::array<uint64_t, 14> LatencyHistogram::cumulative_export_counts() const {
  std::array<uint64_t, 14> out{};
  uint64_t running = 0;
  for (size_t i = 0; i < coarse_.size(); ++i) out[i] = running += coarse_[i];
  return out;
}

}  // namespace mosaic::host
