// Bars that arrive one at a time, stored so that appending is cheap (one series per field
// and asset) and a run's window is one copy into the column-major MarketData layout.
#pragma once

#include "host/data/market_data.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mosaic::host::serve {

// One bar's values: field -> ticker -> value.
using BarValues = std::map<std::string, std::map<std::string, double>>;

class BarHistory {
 public:
  BarHistory() = default;
  explicit BarHistory(MarketData initial);

  // Bars ever appended; indices stay absolute after trim().
  size_t bars() const { return dropped_ + ts_.size(); }
  size_t assets() const { return tickers_.size(); }
  const std::vector<std::string>& tickers() const { return tickers_; }
  int64_t last_ts() const { return ts_.empty() ? INT64_MIN : ts_.back(); }

  // Appends a bar after the last one (the caller checks the order). A ticker or field not
  // seen before joins the universe, missing (NaN) on every earlier bar; one absent from
  // this bar is missing on it.
  void append(int64_t ts, const BarValues& values);

  // Bars [end_bar - max_bars, end_bar) (fewer at the start) as a MarketData. Throws
  // std::out_of_range when part of that was trimmed away or end_bar is past the last bar.
  MarketData window(size_t end_bar, size_t max_bars) const;

  // Forgets the oldest bars beyond the last `keep`, so a feed that runs for weeks holds
  // what its windows need, not everything. Amortised: it trims once 2 x keep are held.
  void trim(size_t keep);

 private:
  size_t asset_index(const std::string& ticker);
  size_t dropped_ = 0;  // bars trimmed from the front
  std::vector<int64_t> ts_;
  std::vector<std::string> tickers_;
  std::map<std::string, std::vector<std::vector<double>>> series_;  // field -> asset -> bars
};

}  // namespace mosaic::host::serve
