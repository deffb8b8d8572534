// Where serve's bars come from: a replay of a price file at a chosen speed, or a CSV file
// that another program appends to.
#pragma once

#include "host/data/price_csv.hpp"

#include "host/serve/bar_history.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace mosaic::host::serve {

class BarFeed {
 public:
  virtual ~BarFeed() = default;
  // Waits up to `wait` for new bars and appends them to history(); returns how many came.
  virtual size_t poll(std::chrono::milliseconds wait) = 0;
  const BarHistory& history() const { return history_; }
  // Lets the history forget bars that no window of `keep` bars will need again.
  void trim(size_t keep) { history_.trim(keep); }
  // A replay that has shown its last bar; a tail never finishes.
  virtual bool finished() const { return false; }
  virtual std::string describe() const = 0;

 protected:
  BarHistory history_;
};

struct FeedOptions {
  double bars_per_second = 10;  // replay speed
  size_t warmup_bars = 0;       // replay: bars shown at once, before the first run
  PriceReadOptions prices{};    // as the config's [data] says
};

// "replay:PATH" or "tail:PATH". Throws DataError for an unreadable or malformed file and
// std::invalid_argument for an unknown kind.
std::unique_ptr<BarFeed> open_feed(const std::string& spec, const FeedOptions& options);

}  // namespace mosaic::host::serve
