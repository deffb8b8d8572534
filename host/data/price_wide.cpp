#include <limits>

#include <fmt/format.h>

#include "host/data/data_error.hpp"
#include "host/data/price_cell.hpp"
#include "host/data/price_rows.hpp"
#include "host/data/text.hpp"
#include "host/data/timestamp.hpp"

namespace mosaic::host {

MarketData read_wide_rows(CsvTokenizer& csv, const PriceHeader& header, const PriceReadOptions& options) {
  const std::string& file = csv.file();
  MarketData out;
  std::vector<std::vector<double>> closes(header.values.size());
  for (const PriceColumn& column : header.values) out.tickers.push_back(column.name);

  CsvRecord row;
  size_t previous_line = 0;
  while (csv.next(row)) {
    header.check_field_count(row, file);
    const std::string& time_name = header.names[header.time_column];
    const int64_t t = parse_time_cell(row.fields[header.time_column], {file, row.line, time_name});
    if (!out.ts.empty() && t <= out.ts.back()) {
      // One row per date is what makes a wide file unambiguous, so a repeat is an error too.
      const auto text = trim(row.fields[header.time_column]);
      const auto previous = format_timestamp(out.ts.back());
      throw DataError(
          file, row.line,
          t == out.ts.back()
              ? fmt::format("date '{}' repeats {} from line {}: a wide file has one row per date",
                            text, previous, previous_line)
              : fmt::format("date '{}' comes before {} on line {}: rows must be sorted by date",
                            text, previous, previous_line));
    }
    out.ts.push_back(t);
    previous_line = row.line;
    for (size_t a = 0; a < header.values.size(); ++a) {
      const size_t column = header.values[a].index;
      closes[a].push_back(
          parse_price_cell(row.fields[column], {file, row.line, header.names[column]}, !options.allow_nonpositive));
    }
  }
  if (out.ts.empty()) throw DataError(file, 0, "no data rows after the header");

  std::vector<double>& close = out.fields["close"];
  close.reserve(out.assets() * out.bars());
  for (const auto& series : closes) close.insert(close.end(), series.begin(), series.end());
  return out;
}

}  // namespace mosaic::host
