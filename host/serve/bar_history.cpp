#include "host/serve/bar_history.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::host::serve {

BarHistory::BarHistory(MarketData initial) : ts_(std::move(initial.ts)), tickers_(std::move(initial.tickers)) {
  for (auto& [field, values] : initial.fields) {
    auto& per_asset = series_[field];
    for (size_t a = 0; a < tickers_.size(); ++a) {
      const auto from = values.begin() + static_cast<ptrdiff_t>(a * ts_.size());
      per_asset.emplace_back(from, from + static_cast<ptrdiff_t>(ts_.size()));
    }
  }
}

size_t BarHistory::asset_index(const std::string& ticker) {
  auto it = std::find(tickers_.begin(), tickers_.end(), ticker);
  if (it != tickers_.end()) return static_cast<size_t>(it - tickers_.begin());
  tickers_.push_back(ticker);
  for (auto& [field, per_asset] : series_) per_asset.emplace_back(ts_.size(), NAN);
  return tickers_.size() - 1;
}

void BarHistory::append(int64_t ts, const BarValues& values) {
  for (const auto& [field, by_ticker] : values)
    for (const auto& [ticker, value] : by_ticker) asset_index(ticker);
  for (const auto& [field, by_ticker] : values)
    if (!series_.contains(field)) series_[field].assign(tickers_.size(), std::vector<double>(ts_.size(), NAN));
  ts_.push_back(ts);
  for (auto& [field, per_asset] : series_) {
    auto given = values.find(field);
    for (size_t a = 0; a < per_asset.size(); ++a) {
      double v = NAN;
      if (given != values.end())
        if (auto it = given->second.find(tickers_[a]); it != given->second.end()) v = it->second;
      per_asset[a].push_back(v);
    }
  }
}

void BarHistory::trim(size_t keep) {
  if (ts_.size() < 2 * std::max<size_t>(keep, 1)) return;
  const auto drop = static_cast<ptrdiff_t>(ts_.size() - keep);
  ts_.erase(ts_.begin(), ts_.begin() + drop);
  for (auto& [field, per_asset] : series_)
    for (auto& s : per_asset) s.erase(s.begin(), s.begin() + drop);
  dropped_ += static_cast<size_t>(drop);
}

MarketData BarHistory::window(size_t end_bar, size_t max_bars) const {
  if (end_bar > bars()) throw std::out_of_range("window ends after the last bar");
  const size_t wanted_first = end_bar > max_bars ? end_bar - max_bars : 0;
  if (wanted_first < dropped_) throw std::out_of_range("the window reaches bars that were trimmed");
  const size_t first = wanted_first - dropped_;
  end_bar -= dropped_;
  MarketData out;
  out.ts.assign(ts_.begin() + static_cast<ptrdiff_t>(first), ts_.begin() + static_cast<ptrdiff_t>(end_bar));
  out.tickers = tickers_;
  for (const auto& [field, per_asset] : series_) {
    auto& column = out.fields[field];
    column.reserve(per_asset.size() * out.bars());
    for (const auto& s : per_asset)
      column.insert(column.end(), s.begin() + static_cast<ptrdiff_t>(first), s.begin() + static_cast<ptrdiff_t>(end_bar));
  }
  return out;
}

}  // namespace mosaic::host::serve
