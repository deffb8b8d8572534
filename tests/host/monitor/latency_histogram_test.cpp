#include "host/monitor/latency_histogram.hpp"
#include "host/monitor/module_stats.hpp"

#include <doctest/doctest.h>

#include <random>
#include <vector>

using mosaic::host::LatencyHistogram;

TEST_CASE("an empty histogram reports zeros") {
  LatencyHistogram h;
  CHECK(h.count() == 0);
  CHECK(h.percentile(50) == 0.0);
  CHECK(h.min_ms() == 0.0);
  CHECK(h.cumulative_export_counts().back() == 0);
}

TEST_CASE("percentiles are within 4.5 percent of the exact nearest rank") {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> latency(0.0, 1.5);  // median 1 ms, long tail
  LatencyHistogram h;
  std::vector<double> sample;
  for (int i = 0; i < 20000; ++i) {
    const double ms = latency(rng);
    h.record(ms);
    sample.push_back(ms);
  }
  for (double p : {1.0, 50.0, 90.0, 95.0, 99.0, 99.9}) {
    const double exact = mosaic::host::nearest_rank_percentile(sample, p);
    CAPTURE(p);
    CHECK(h.percentile(p) == doctest::Approx(exact).epsilon(0.045));
  }
  CHECK(h.percentile(100) == mosaic::host::nearest_rank_percentile(sample, 100));  // clamped to the max
  CHECK(h.count() == 20000);
}

TEST_CASE("export buckets are cumulative and end at the count") {
  LatencyHistogram h;
  for (double ms : {0.05, 0.1, 0.3, 4.0, 4.9, 30.0, 20000.0}) h.record(ms);
  const auto counts = h.cumulative_export_counts();
  const auto bounds = LatencyHistogram::export_bounds_ms();
  REQUIRE(counts.size() == bounds.size() + 1);
  CHECK(counts[0] == 2);  // 0.05 and 0.1: a bound includes its own value
  CHECK(counts[2] == 3);  // <= 0.5
  CHECK(counts[5] == 5);  // <= 5
  CHECK(counts[bounds.size() - 1] == 6);  // <= 10 s
  CHECK(counts.back() == 7);
  for (size_t i = 1; i < counts.size(); ++i) CHECK(counts[i] >= counts[i - 1]);
  CHECK(h.sum_ms() == doctest::Approx(20039.35));
  CHECK(h.max_ms() == 20000.0);
  CHECK(h.min_ms() == 0.05);
}

TEST_CASE("a negative or NaN latency counts as zero rather than vanishing") {
  LatencyHistogram h;
  h.record(-1.0);
  h.record(std::nan(""));
  CHECK(h.count() == 2);
  CHECK(h.percentile(99) == 0.0);
  CHECK(h.cumulative_export_counts()[0] == 2);
}
