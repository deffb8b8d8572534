#include "host/serve/replay_feed.hpp"

#include "host/data/data_error.hpp"
#include "host/data/price_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <thread>

namespace mosaic::host::serve {

BarValues bar_values(const MarketData& data, size_t bar) {
  BarValues values;
  for (const auto& [field, column] : data.fields)
    for (size_t a = 0; a < data.assets(); ++a) values[field][data.tickers[a]] = column[a * data.bars() + bar];
  return values;
}

ReplayFeed::ReplayFeed(const std::filesystem::path& file, const FeedOptions& options)
    : file_(file), all_(read_price_csv(file, options.prices)), bars_per_second_(options.bars_per_second) {
  if (all_.bars() == 0) throw DataError(file.string(), 0, "no bars to replay");
  if (!(bars_per_second_ > 0)) throw std::invalid_argument("replay speed must be above 0 bars per second");
  warmup_ = std::min(options.warmup_bars, all_.bars() - 1);
  history_ = BarHistory(all_.slice(0, warmup_));
}

size_t ReplayFeed::poll(std::chrono::milliseconds wait) {
  if (finished()) {
    std::this_thread::sleep_for(wait);
    return 0;
  }
  // The clock starts at the first poll, after the warm-up has been run: bar k after the
  // warm-up is due k / speed seconds later.
  if (!started_) {
    start_ = std::chrono::steady_clock::now();
    started_ = true;
  }
  const size_t next = history_.bars() - warmup_;
  const auto due = start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                std::chrono::duration<double>(static_cast<double>(next) / bars_per_second_));
  const auto deadline = std::chrono::steady_clock::now() + wait;
  if (due > deadline) {
    std::this_thread::sleep_until(deadline);
    return 0;
  }
  std::this_thread::sleep_until(due);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const auto shown_by_now = static_cast<size_t>(std::floor(elapsed * bars_per_second_)) + 1 + warmup_;
  const size_t until = std::min({shown_by_now, all_.bars(), history_.bars() + 1000});
  size_t added = 0;
  for (size_t bar = history_.bars(); bar < until; ++bar, ++added) history_.append(all_.ts[bar], bar_values(all_, bar));
  return added;
}

std::string ReplayFeed::describe() const {
  return fmt::format("replay of {} ({} bars, {} shown at start, {} bars/s)", file_.string(), all_.bars(), warmup_,
                     bars_per_second_);
}

}  // namespace mosaic::host::serve
