// A latency histogram of bounded size for processes that run for days: fine log-spaced
// buckets for percentiles (within 4.5% of the true value), plus the coarse cumulative
// buckets that Prometheus scrapes.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace mosaic::host {

class LatencyHistogram {
 public:
  // Upper bounds of the exported buckets, in milliseconds; +Inf is implied.
  static std::span<const double> export_bounds_ms();

  void record(double ms);

  uint64_t count() const { return count_; }
  double sum_ms() const { return sum_ms_; }
  double max_ms() const { return max_ms_; }
  double min_ms() const { return count_ ? min_ms_ : 0.0; }

  // Nearest-rank percentile, p in [0, 100]: the geometric middle of the fine bucket that
  // holds the rank, clamped to the observed minimum and maximum, which the first and last
  // ranks return exactly. 0 when empty.
  double percentile(double p) const;

  // Calls at or under each export bound, cumulative, as Prometheus wants them.
  std::array<uint64_t, 14> cumulative_export_counts() const;

 private:
  static constexpr int kStepsPerDoubling = 8;
  static constexpr double kLowestMs = 1e-3;  // 1 µs
  static constexpr int kFineBuckets = 28 * kStepsPerDoubling;  // up to ~268 s
  std::array<uint64_t, kFineBuckets + 1> fine_{};  // the last collects everything above
  std::array<uint64_t, 14> coarse_{};               // per export bucket, not cumulative
  uint64_t count_ = 0;
  double sum_ms_ = 0, max_ms_ = 0, min_ms_ = 0;
};

}  // namespace mosaic::host
