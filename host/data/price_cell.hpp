#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mosaic::host {

// Where a cell sits, so a parse failure can say exactly which one it was.
struct CellPlace {
  const std::string& file;
  size_t line;
  std::string_view column;
};

// A price or volume: NaN for a missing value (empty, NA, NaN, null in any case), else a
// finite double. Throws DataError for anything else, infinities included, because an
// infinite price poisons every statistic downstream without anyone noticing; and, when
// `positive`, for a value of 0 or below: a price that is not above 0 turns returns into
// nonsense (an open, high, low or close; spreads may be allowed by the config).
double parse_price_cell(std::string_view cell, const CellPlace& place, bool positive = false);

// Ticker and column names: a name is data that reaches every output (JSON included), so it
// must be UTF-8 and of a sane length.
inline constexpr size_t kMaxNameBytes = 256;
// Throws DataError at `place` for a name longer than kMaxNameBytes or not UTF-8; `what`
// says what it is ("ticker", "column name").
void check_name(std::string_view name, const CellPlace& place, std::string_view what);

// A bar timestamp (see parse_timestamp); throws DataError showing the text and the forms
// that are accepted.
int64_t parse_time_cell(std::string_view cell, const CellPlace& place);

}  // namespace mosaic::host
