#include <functional>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>

#include "host/data/data_error.hpp"
#include "host/data/price_cell.hpp"
#include "host/data/price_rows.hpp"
#include "host/data/text.hpp"
#include "host/data/timestamp.hpp"

namespace mosaic::host {

namespace {

constexpr size_t kNone = std::numeric_limits<size_t>::max();

// Lets the ticker map be probed with a string_view into the row, without a string copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class LongReader {
 public:
  LongReader(const PriceHeader& header, const std::string& file, const PriceReadOptions& options)
      : header_(header), file_(file) {
    for (const PriceColumn& column : header_.values)
      positive_.push_back(!options.allow_nonpositive && column.name != "volume");
  }

  void add(const CsvRecord& row) {
    header_.check_field_count(row, file_);
    const size_t bar = bar_of(row);
    const size_t asset = asset_of(row);
    if (last_bar_[asset] == bar) {
      throw DataError(
          file_, row.line,
          fmt::format("duplicate row for ticker '{}' on {}: line {} already gave it",
                      out_.tickers[asset], format_timestamp(out_.ts[bar]), last_line_[asset]));
    }
    last_bar_[asset] = bar;
    last_line_[asset] = row.line;
    previous_line_ = row.line;

    placements_.push_back({bar, asset});
    for (size_t k = 0; k < header_.values.size(); ++k) {
      const size_t index = header_.values[k].index;
      values_.push_back(parse_price_cell(row.fields[index], {file_, row.line, header_.names[index]}, positive_[k]));
    }
  }

  MarketData finish() && {
    if (placements_.empty()) throw DataError(file_, 0, "no data rows after the header");
    const size_t bars = out_.bars();
    const size_t width = header_.values.size();
    for (size_t k = 0; k < width; ++k) {
      std::vector<double> column(out_.assets() * bars, std::numeric_limits<double>::quiet_NaN());
      for (size_t r = 0; r < placements_.size(); ++r) {
        column[placements_[r].asset * bars + placements_[r].bar] = values_[r * width + k];
      }
      out_.fields.emplace(header_.values[k].name, std::move(column));
    }
    return std::move(out_);
  }

 private:
  struct Placement {
    size_t bar;
    size_t asset;
  };

  // Sorted input means each new timestamp is either the current bar or the next one.
  size_t bar_of(const CsvRecord& row) {
    const size_t column = header_.time_column;
    const int64_t t = parse_time_cell(row.fields[column], {file_, row.line, header_.names[column]});
    if (!out_.ts.empty() && t < out_.ts.back()) {
      throw DataError(
          file_, row.line,
          fmt::format("date '{}' comes before {} on line {}: rows must be sorted by date",
                      trim(row.fields[column]), format_timestamp(out_.ts.back()), previous_line_));
    }
    if (out_.ts.empty() || t > out_.ts.back()) out_.ts.push_back(t);
    return out_.ts.size() - 1;
  }

  size_t asset_of(const CsvRecord& row) {
    const std::string_view ticker = trim(row.fields[header_.ticker_column]);
    if (ticker.empty()) {
      throw DataError(
          file_, row.line,
          fmt::format("column {}: the ticker is empty", header_.names[header_.ticker_column]));
    }
    if (const auto it = assets_.find(ticker); it != assets_.end()) return it->second;
    check_name(ticker, {file_, row.line, header_.names[header_.ticker_column]}, "ticker");
    out_.tickers.emplace_back(ticker);
    last_bar_.push_back(kNone);
    last_line_.push_back(0);
    assets_.emplace(std::string(ticker), out_.tickers.size() - 1);
    return out_.tickers.size() - 1;
  }

  const PriceHeader& header_;
  const std::string& file_;
  MarketData out_;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> assets_;
  std::vector<size_t> last_bar_;   // per asset: the bar of its latest row, to catch duplicates
  std::vector<size_t> last_line_;  // per asset: the line of that row, to name it
  size_t previous_line_ = 0;
  std::vector<Placement> placements_;  // per row
  std::vector<double> values_;         // per row, one value per field column
  std::vector<bool> positive_;         // per field column: a price, which must be above 0
};

}  // namespace

MarketData read_long_rows(CsvTokenizer& csv, const PriceHeader& header, const PriceReadOptions& options) {
  LongReader reader(header, csv.file(), options);
  CsvRecord row;
  while (csv.next(row)) reader.add(row);
  return std::move(reader).finish();
}

}  // namespace mosaic::host
