#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "host/data/market_data.hpp"

namespace mosaic::host {

struct PriceReadOptions {
  // Opens, highs, lows and closes of 0 or below are data errors unless this is set ([data]
  // allow_nonpositive_prices: spreads and other series that can be).
  bool allow_nonpositive = false;
};

// Reads a price file, long (date,ticker,open,high,low,close,volume or any subset with close,
// in any column order) or wide (date,TICKER1,TICKER2,... of closes); the header decides.
// All assets share one calendar, the union of the file's timestamps; tickers keep the order
// in which they first appear. Every problem throws DataError with the file and line.
MarketData read_price_csv(const std::filesystem::path& file, const PriceReadOptions& options = {});

// The same from text in memory; `file_label` names it in errors.
MarketData parse_price_csv(std::string_view text, const std::string& file_label,
                           const PriceReadOptions& options = {});

}  // namespace mosaic::host
