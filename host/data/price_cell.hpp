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
// infinite price poisons every statistic downstream without anyone noticing.
double parse_price_cell(std::string_view cell, const CellPlace& place);

// A bar timestamp (see parse_timestamp); throws DataError showing the text and the forms
// that are accepted.
int64_t parse_time_cell(std::string_view cell, const CellPlace& place);

}  // namespace mosaic::host
