// Replays a price file bar by bar, at a fixed number of bars per second, as if they were
// arriving live.
#pragma once

#include "host/serve/bar_feed.hpp"

#include <filesystem>

namespace mosaic::host::serve {

class ReplayFeed final : public BarFeed {
 public:
  ReplayFeed(const std::filesystem::path& file, const FeedOptions& options);
  size_t poll(std::chrono::milliseconds wait) override;
  bool finished() const override { return history_.bars() >= all_.bars(); }
  std::string describe() const override;

 private:
  std::filesystem::path file_;
  MarketData all_;
  double bars_per_second_;
  size_t warmup_;
  std::chrono::steady_clock::time_point start_;
  bool started_ = false;
};

// The values of one bar of `data`, as BarHistory::append takes them.
BarValues bar_values(const MarketData& data, size_t bar);

}  // namespace mosaic::host::serve
