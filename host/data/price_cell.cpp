#include "host/data/price_cell.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "host/data/data_error.hpp"
#include "host/data/text.hpp"
#include "host/data/timestamp.hpp"
#include "host/data/utf8.hpp"

namespace mosaic::host {

namespace {

bool is_missing_marker(std::string_view s) {
  return s.empty() || iequals(s, "NA") || iequals(s, "NaN") || iequals(s, "null");
}

}  // namespace

double parse_price_cell(std::string_view cell, const CellPlace& place, bool positive) {
  const std::string_view text = trim(cell);
  if (is_missing_marker(text)) return std::numeric_limits<double>::quiet_NaN();

  // from_chars rejects a leading '+', which spreadsheets sometimes write.
  std::string_view digits = text;
  if (digits.front() == '+' && digits.size() > 1 && digits[1] != '-') digits.remove_prefix(1);

  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc::result_out_of_range) {
    throw DataError(
        place.file, place.line,
        fmt::format("column {}: '{}' is out of the range of a double", place.column, excerpt(text)));
  }
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    throw DataError(place.file, place.line,
                    fmt::format("column {}: '{}' is not a number (expected a decimal number, or "
                                "empty/NA/NaN/null for a missing value)",
                                place.column, excerpt(text)));
  }
  if (std::isinf(value)) {
    throw DataError(place.file, place.line,
                    fmt::format("column {}: '{}' is not a finite number (infinities are not "
                                "accepted; leave the cell empty or NA if it is missing)",
                                place.column, excerpt(text)));
  }
  if (positive && !(value > 0)) {
    throw DataError(place.file, place.line,
                    fmt::format("column {}: {} is not a price (a price must be above 0; for series that "
                                "can be 0 or below, such as spreads, set [data] allow_nonpositive_prices = true)",
                                place.column, excerpt(text)));
  }
  return value;
}

int64_t parse_time_cell(std::string_view cell, const CellPlace& place) {
  const std::string_view text = trim(cell);
  if (const auto ns = parse_timestamp(text)) return *ns;
  if (text.empty()) {
    throw DataError(place.file, place.line,
                    fmt::format("column {}: the date is empty", place.column));
  }
  throw DataError(
      place.file, place.line,
      fmt::format("column {}: '{}' is not a valid date (expected YYYY-MM-DD or "
                  "YYYY-MM-DDTHH:MM[:SS[.fff]], optionally ending in Z or +HH:MM/-HH:MM)",
                  place.column, excerpt(text)));
}

void check_name(std::string_view name, const CellPlace& place, std::string_view what) {
  if (name.size() > kMaxNameBytes)
    throw DataError(place.file, place.line,
                    fmt::format("column {}: a {} of {} bytes ('{}'); at most {}", place.column, what, name.size(),
                                excerpt(name), kMaxNameBytes));
  if (const auto at = utf8_error(name))
    throw DataError(place.file, place.line,
                    fmt::format("column {}: the {} '{}' is not UTF-8 (byte {})", place.column, what, excerpt(name),
                                *at + 1));
}

}  // namespace mosaic::host
