#include "host/data/news_csv.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "host/data/csv_tokenizer.hpp"
#include "host/data/data_error.hpp"
#include "host/data/price_cell.hpp"
#include "host/data/text.hpp"
#include "host/data/text_file.hpp"
#include "host/data/utf8.hpp"

namespace mosaic::host {

namespace {

constexpr std::array<std::string_view, 5> kTimeNames = {"ts", "timestamp", "date", "datetime", "time"};
constexpr std::array<std::string_view, 2> kTickerNames = {"ticker", "symbol"};
constexpr std::array<std::string_view, 1> kHeadlineNames = {"headline"};
constexpr std::array<std::string_view, 1> kBodyNames = {"body"};

struct NewsHeader {
  std::vector<std::string> names;  // as written, trimmed
  size_t time = 0;
  size_t headline = 0;
  std::optional<size_t> ticker;
  std::optional<size_t> body;
};

class HeaderReader {
 public:
  HeaderReader(const CsvRecord& record, const std::string& file) : file_(file), line_(record.line) {
    for (auto field : record.fields) header_.names.emplace_back(trim(field));
  }

  NewsHeader read() {
    const auto time = find_unique(kTimeNames, "time");
    if (!time) {
      fail(fmt::format("header '{}' has no time column (expected one named ts, timestamp, date, datetime or time)",
                       fmt::join(header_.names, ",")));
    }
    const auto headline = find_unique(kHeadlineNames, "headline");
    if (!headline) {
      fail(fmt::format("header '{}' has no headline column (a news file needs a time column and a headline "
                       "column; ticker and body are optional)",
                       fmt::join(header_.names, ",")));
    }
    header_.time = *time;
    header_.headline = *headline;
    header_.ticker = find_unique(kTickerNames, "ticker");
    header_.body = find_unique(kBodyNames, "body");
    return std::move(header_);
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { throw DataError(file_, line_, message); }

  template <size_t N>
  std::optional<size_t> find_unique(const std::array<std::string_view, N>& choices, std::string_view role) const {
    std::optional<size_t> found;
    for (size_t i = 0; i < header_.names.size(); ++i) {
      const bool match =
          std::any_of(choices.begin(), choices.end(), [&](std::string_view c) { return iequals(header_.names[i], c); });
      if (!match) continue;
      if (found) {
        fail(fmt::format("header has two {} columns: '{}' (column {}) and '{}' (column {})", role,
                         header_.names[*found], *found + 1, header_.names[i], i + 1));
      }
      found = i;
    }
    return found;
  }

  const std::string& file_;
  size_t line_;
  NewsHeader header_;
};

// Rows as read, before sorting by time.
NewsTable read_rows(CsvTokenizer& csv, const NewsHeader& header, const std::string& file) {
  NewsTable rows;
  CsvRecord record;
  while (csv.next(record)) {
    if (record.fields.size() != header.names.size()) {
      throw DataError(file, record.line,
                      fmt::format("expected {} fields ({}), found {}", header.names.size(),
                                  fmt::join(header.names, ","), record.fields.size()));
    }
    rows.ts.push_back(parse_time_cell(record.fields[header.time], {file, record.line, header.names[header.time]}));
    // Old wires come in Latin-1 and the like: the text is kept, its bad bytes written as \xNN,
    // so that it can reach JSON; a ticker must be a proper name.
    rows.headline.push_back(to_valid_utf8(trim(record.fields[header.headline])));
    if (header.ticker) {
      const std::string_view ticker = trim(record.fields[*header.ticker]);
      if (!ticker.empty()) check_name(ticker, {file, record.line, header.names[*header.ticker]}, "ticker");
      rows.ticker.emplace_back(ticker);
    } else {
      rows.ticker.emplace_back();
    }
    rows.body.push_back(header.body ? to_valid_utf8(trim(record.fields[*header.body])) : std::string());
  }
  return rows;
}

template <class T>
std::vector<T> permuted(std::vector<T>& values, const std::vector<size_t>& order) {
  std::vector<T> out;
  out.reserve(values.size());
  for (size_t i : order) out.push_back(std::move(values[i]));
  return out;
}

}  // namespace

NewsTable parse_news_csv(std::string_view text, const std::string& file_label) {
  CsvTokenizer csv(text, file_label);
  CsvRecord first;
  if (!csv.next(first)) throw DataError(file_label, 0, "the file is empty (expected a header row)");
  const NewsHeader header = HeaderReader(first, file_label).read();
  NewsTable rows = read_rows(csv, header, file_label);
  if (rows.rows() == 0) throw DataError(file_label, 0, "no data rows after the header");

  std::vector<size_t> order(rows.rows());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rows.ts[a] < rows.ts[b]; });
  NewsTable sorted;
  sorted.ts = permuted(rows.ts, order);
  sorted.ticker = permuted(rows.ticker, order);
  sorted.headline = permuted(rows.headline, order);
  sorted.body = permuted(rows.body, order);
  return sorted;
}

NewsTable read_news_csv(const std::filesystem::path& file) {
  return parse_news_csv(read_text_file(file), file.string());
}

}  // namespace mosaic::host
