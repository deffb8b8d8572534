#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace mosaic::host {

// Prices for a universe of assets on one shared calendar. Each field is column-major so
// that an asset's series is contiguous, which is the layout panels hand to modules:
//   value(field, asset, bar) = fields.at(field)[asset * bars() + bar]
// NaN marks a missing value, including a bar on which the asset had no row at all.
struct MarketData {
  std::vector<int64_t> ts;           // ns since the epoch, UTC, strictly ascending
  std::vector<std::string> tickers;  // universe order
  std::map<std::string, std::vector<double>>
      fields;  // "open","high","low","close","volume" as present

  size_t bars() const { return ts.size(); }
  size_t assets() const { return tickers.size(); }
  bool has(const std::string& field) const { return fields.contains(field); }

  // One asset's series; throws std::out_of_range naming the field (or the asset index).
  std::span<const double> series(const std::string& field, size_t asset) const;

  // Bars [first_bar, end_bar) of every field, same universe; throws std::out_of_range
  // unless first_bar <= end_bar <= bars().
  MarketData slice(size_t first_bar, size_t end_bar) const;
};

}  // namespace mosaic::host
