#pragma once

#include <array>
#include <string_view>

#include <cstddef>
#include <string>
#include <vector>

#include "host/data/csv_tokenizer.hpp"

namespace mosaic::host {

// The price fields a long price file may hold; each one present is a data-source port (a
// PANEL of that name). A wide file holds closes only.
const std::array<std::string_view, 5>& price_field_names();

enum class PriceLayout {
  Long,  // date,ticker,<fields...>: one row per (date, ticker)
  Wide,  // date,TICKER1,TICKER2,...: one row per date, closes only
};

struct PriceColumn {
  std::string name;  // canonical field ("close") in long files, the ticker in wide files
  size_t index;      // 0-based position in the row
};

// What the header row says about every data row.
struct PriceHeader {
  PriceLayout layout = PriceLayout::Long;
  std::vector<std::string> names;  // as written, trimmed
  size_t time_column = 0;
  size_t ticker_column = 0;         // long only
  std::vector<PriceColumn> values;  // long: price fields; wide: tickers, in column order
  std::string summary;              // "date,ticker,close", abbreviated when wide

  // Throws DataError unless `record` has exactly one field per header column.
  void check_field_count(const CsvRecord& record, const std::string& file) const;
};

// Column names are matched case-insensitively. The time column may be named date, time,
// timestamp or datetime; a ticker (or symbol) column makes the file long, its absence wide.
// Throws DataError on the header's line for anything it cannot make sense of.
PriceHeader read_price_header(const CsvRecord& header, const std::string& file);

}  // namespace mosaic::host
