#include "host/data/price_header.hpp"

#include "host/data/price_cell.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "host/data/data_error.hpp"
#include "host/data/text.hpp"

namespace mosaic::host {

const std::array<std::string_view, 5>& price_field_names() {
  static constexpr std::array<std::string_view, 5> names = {"open", "high", "low", "close", "volume"};
  return names;
}

namespace {

constexpr std::array<std::string_view, 4> kTimeNames = {"date", "time", "timestamp", "datetime"};
constexpr std::array<std::string_view, 2> kTickerNames = {"ticker", "symbol"};

template <size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& choices) {
  return std::any_of(choices.begin(), choices.end(),
                     [&](std::string_view c) { return iequals(name, c); });
}

// A long header listing every column is the most useful; a wide one can have hundreds.
std::string summarize(const std::vector<std::string>& names) {
  constexpr size_t kShown = 8;
  if (names.size() <= kShown) return fmt::format("{}", fmt::join(names, ","));
  return fmt::format("{},...,{}", fmt::join(names.begin(), names.begin() + kShown - 1, ","),
                     names.back());
}

class HeaderReader {
 public:
  HeaderReader(const CsvRecord& record, const std::string& file) : file_(file), line_(record.line) {
    for (size_t i = 0; i < record.fields.size(); ++i) {
      const std::string_view name = trim(record.fields[i]);
      const std::string column = std::to_string(i + 1);
      check_name(name, {file_, line_, column}, "column name");
      header_.names.emplace_back(name);
    }
    header_.summary = summarize(header_.names);
  }

  PriceHeader read() {
    const auto time = find_unique(kTimeNames, "date");
    if (!time) {
      fail(
          fmt::format("header '{}' has no date column (expected one named date, time, timestamp "
                      "or datetime)",
                      header_.summary));
    }
    header_.time_column = *time;
    const auto ticker = find_unique(kTickerNames, "ticker");
    if (ticker) {
      header_.layout = PriceLayout::Long;
      header_.ticker_column = *ticker;
      read_long_fields();
    } else {
      header_.layout = PriceLayout::Wide;
      read_wide_tickers();
    }
    return std::move(header_);
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw DataError(file_, line_, message);
  }

  template <size_t N>
  std::optional<size_t> find_unique(const std::array<std::string_view, N>& choices,
                                    std::string_view role) const {
    std::optional<size_t> found;
    for (size_t i = 0; i < header_.names.size(); ++i) {
      if (!one_of(header_.names[i], choices)) continue;
      if (found) {
        fail(fmt::format("header has two {} columns: '{}' (column {}) and '{}' (column {})", role,
                         header_.names[*found], *found + 1, header_.names[i], i + 1));
      }
      found = i;
    }
    return found;
  }

  bool is_key_column(size_t i) const {
    return i == header_.time_column ||
           (header_.layout == PriceLayout::Long && i == header_.ticker_column);
  }

  void read_long_fields() {
    for (size_t i = 0; i < header_.names.size(); ++i) {
      if (is_key_column(i)) continue;
      const std::string& name = header_.names[i];
      if (name.empty()) fail(fmt::format("column {} has no name", i + 1));
      if (!one_of(name, price_field_names())) {
        fail(
            fmt::format("column {} '{}' is not a price field (expected open, high, low, close or "
                        "volume)",
                        i + 1, name));
      }
      const std::string field = ascii_lowercase(name);
      for (const PriceColumn& seen : header_.values) {
        if (seen.name == field) {
          fail(fmt::format("column '{}' appears twice (columns {} and {})", field, seen.index + 1,
                           i + 1));
        }
      }
      header_.values.push_back({field, i});
    }
    const bool has_close = std::any_of(header_.values.begin(), header_.values.end(),
                                       [](const PriceColumn& c) { return c.name == "close"; });
    if (!has_close) fail(fmt::format("header '{}' has no close column", header_.summary));
  }

  void read_wide_tickers() {
    for (size_t i = 0; i < header_.names.size(); ++i) {
      if (is_key_column(i)) continue;
      const std::string& name = header_.names[i];
      // "date,close" is far likelier a long file missing its ticker column than a stock
      // named CLOSE, so say so instead of loading it as one.
      if (one_of(name, price_field_names())) {
        fail(
            fmt::format("header '{}' has a column '{}' but no ticker column (a long file needs "
                        "date,ticker,...; a wide file has one column of closes per ticker)",
                        header_.summary, ascii_lowercase(name)));
      }
      if (name.empty()) fail(fmt::format("column {} has an empty ticker name", i + 1));
      for (const PriceColumn& seen : header_.values) {
        if (seen.name == name) {
          fail(fmt::format("ticker '{}' appears twice (columns {} and {})", name, seen.index + 1,
                           i + 1));
        }
      }
      header_.values.push_back({name, i});
    }
    if (header_.values.empty()) {
      fail(
          fmt::format("header '{}' has no close column: a wide file needs one column of closes "
                      "per ticker, a long file date,ticker,close",
                      header_.summary));
    }
  }

  const std::string& file_;
  size_t line_;
  PriceHeader header_;
};

}  // namespace

void PriceHeader::check_field_count(const CsvRecord& record, const std::string& file) const {
  if (record.fields.size() == names.size()) return;
  throw DataError(file, record.line,
                  fmt::format("expected {} fields ({}), found {}", names.size(), summary,
                              record.fields.size()));
}

PriceHeader read_price_header(const CsvRecord& header, const std::string& file) {
  return HeaderReader(header, file).read();
}

}  // namespace mosaic::host
