#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "host/data/data_error.hpp"
#include "host/data/price_csv.hpp"

using mosaic::host::DataError;
using mosaic::host::parse_price_csv;
using mosaic::host::read_price_csv;

namespace {

DataError error_of(std::string_view text) {
  try {
    parse_price_csv(text, "prices.csv");
  } catch (const DataError& e) {
    return e;
  }
  throw std::logic_error("expected a DataError, but the text parsed");
}

DataError file_error_of(const std::filesystem::path& path) {
  try {
    read_price_csv(path);
  } catch (const DataError& e) {
    return e;
  }
  throw std::logic_error("expected a DataError, but the file parsed");
}

bool says(const DataError& e, std::string_view text) {
  return std::string_view(e.what()).find(text) != std::string_view::npos;
}

}  // namespace

TEST_CASE("errors: empty file") {
  for (const char* text : {"", "\n", "\r\n\r\n", "\xEF\xBB\xBF"}) {
    const auto e = error_of(text);
    CHECK(e.line == 0);
    CHECK(std::string(e.what()) == "prices.csv: the file is empty (expected a header row)");
  }
}

TEST_CASE("errors: a header without data rows") {
  const auto long_file = error_of("date,ticker,close\n");
  CHECK(long_file.line == 0);
  CHECK(says(long_file, "no data rows"));
  const auto wide_file = error_of("date,A,B\n\n");
  CHECK(wide_file.line == 0);
  CHECK(says(wide_file, "no data rows"));
}

TEST_CASE("errors: wrong field count names the expected columns") {
  const auto e = error_of(
      "date,ticker,open,high,low,close,volume\n"
      "2020-01-02,A,1,2,0.5,1.5,100\n"
      "2020-01-03,A,1,2,0.5\n");
  CHECK(e.line == 3);
  CHECK(std::string(e.what()) ==
        "prices.csv:3: expected 7 fields (date,ticker,open,high,low,close,volume), found 5");

  const auto extra = error_of("date,ticker,close\n2020-01-02,A,1,\n");
  CHECK(extra.line == 2);
  CHECK(says(extra, "expected 3 fields (date,ticker,close), found 4"));

  const auto wide = error_of("date,A,B\n2020-01-02,1,2\n\n2020-01-03,1\n");
  CHECK(wide.line == 4);
  CHECK(says(wide, "expected 3 fields (date,A,B), found 2"));
}

TEST_CASE("errors: a very wide header is abbreviated in the field count message") {
  const auto e = error_of("date,A,B,C,D,E,F,G,H,I\n2020-01-02,1\n");
  CHECK(e.line == 2);
  CHECK(says(e, "expected 10 fields (date,A,B,C,D,E,F,...,I), found 2"));
}

TEST_CASE("errors: non-numeric values name the column and the text") {
  const auto e = error_of("date,ticker,close\n2020-01-02,A,1\n2020-01-03,A,abc\n");
  CHECK(e.line == 3);
  CHECK(says(e, "prices.csv:3: column close: 'abc' is not a number"));

  const auto volume = error_of("date,ticker,close,Volume\n2020-01-02,A,1,1,000\n");
  CHECK(volume.line == 2);  // an unquoted thousands separator adds a field
  CHECK(says(volume, "found 5"));

  const auto quoted = error_of("date,ticker,close,Volume\n2020-01-02,A,1,\"1,000\"\n");
  CHECK(quoted.line == 2);
  CHECK(says(quoted, "column Volume: '1,000' is not a number"));

  for (const char* bad : {"1.2.3", "12abc", "0x10", "1 2", "--1", "+-1", "+", "-", "N/A", "e5"}) {
    CAPTURE(bad);
    const auto each = error_of(std::string("date,ticker,close\n2020-01-02,A,") + bad + "\n");
    CHECK(each.line == 2);
    CHECK(says(each, std::string("column close: '") + bad + "' is not a number"));
  }

  const auto wide = error_of("date,AAA,BBB\n2020-01-02,1,2\n2020-01-03,1,x\n");
  CHECK(wide.line == 3);
  CHECK(says(wide, "column BBB: 'x' is not a number"));
}

TEST_CASE("errors: infinities and overflow are refused") {
  for (const char* bad : {"inf", "-inf", "Infinity", "-INFINITY", "+inf"}) {
    CAPTURE(bad);
    const auto e =
        error_of(std::string("date,ticker,close\n2020-01-02,A,1\n2020-01-03,A,") + bad + "\n");
    CHECK(e.line == 3);
    CHECK(says(e, "is not a finite number"));
  }
  const auto huge = error_of("date,X\n2020-01-02,1e400\n");
  CHECK(huge.line == 2);
  CHECK(says(huge, "column X: '1e400' is out of the range of a double"));
}

TEST_CASE("errors: bad dates show the text and the accepted forms") {
  const auto e = error_of("date,ticker,close\n2020-01-02,A,1\n2020-13-01,A,1\n");
  CHECK(e.line == 3);
  CHECK(says(e, "column date: '2020-13-01' is not a valid date (expected YYYY-MM-DD"));

  const auto named = error_of("Timestamp,AAA\n01/02/2020,1\n");
  CHECK(named.line == 2);
  CHECK(says(named, "column Timestamp: '01/02/2020' is not a valid date"));

  const auto empty = error_of("date,ticker,close\n2020-01-02,A,1\n\n ,A,1\n");
  CHECK(empty.line == 4);
  CHECK(says(empty, "column date: the date is empty"));

  const auto offset = error_of("date,ticker,close\n2020-01-02T10:00+0100,A,1\n");
  CHECK(offset.line == 2);
  CHECK(says(offset, "'2020-01-02T10:00+0100'"));
}

TEST_CASE("errors: duplicate (date, ticker) names both lines") {
  const auto e = error_of(
      "date,ticker,close\n"
      "2020-01-02,A,1\n"
      "2020-01-02,B,1\n"
      "2020-01-02,A,2\n");
  CHECK(e.line == 4);
  CHECK(std::string(e.what()) ==
        "prices.csv:4: duplicate row for ticker 'A' on 2020-01-02: line 2 already gave it");

  // The same instant written two ways is the same bar.
  const auto zones = error_of(
      "date,ticker,close\n"
      "2020-01-02T10:00:00Z,A,1\n"
      "2020-01-02T11:00:00+01:00,A,1\n");
  CHECK(zones.line == 3);
  CHECK(says(zones, "ticker 'A' on 2020-01-02T10:00:00Z: line 2"));

  const auto trimmed = error_of("date,ticker,close\n2020-01-02,A,1\n2020-01-02, A ,1\n");
  CHECK(trimmed.line == 3);
}

TEST_CASE("errors: long dates out of order name the previous date and line") {
  const auto e = error_of(
      "date,ticker,close\n"
      "2020-01-02,A,1\n"
      "2020-01-03,A,2\n"
      "2020-01-02,B,3\n");
  CHECK(e.line == 4);
  CHECK(std::string(e.what()) ==
        "prices.csv:4: date '2020-01-02' comes before 2020-01-03 on line 3: rows must be sorted by "
        "date");

  const auto intraday =
      error_of("date,ticker,close\n2020-01-02T10:00Z,A,1\n2020-01-02T09:59:59Z,A,1\n");
  CHECK(intraday.line == 3);
  CHECK(says(intraday, "comes before 2020-01-02T10:00:00Z on line 2"));
}

TEST_CASE("errors: wide dates must strictly increase") {
  const auto back = error_of("date,A\n2020-01-02,1\n2020-01-03,2\n2020-01-01,3\n");
  CHECK(back.line == 4);
  CHECK(says(back, "date '2020-01-01' comes before 2020-01-03 on line 3"));

  const auto repeat = error_of("date,A\n2020-01-02,1\n\n2020-01-02,2\n");
  CHECK(repeat.line == 4);
  CHECK(std::string(repeat.what()) ==
        "prices.csv:4: date '2020-01-02' repeats 2020-01-02 from line 2: a wide file has one row "
        "per date");
}

TEST_CASE("errors: header without a close column") {
  const auto long_file = error_of("date,ticker,open,high\n2020-01-02,A,1,2\n");
  CHECK(long_file.line == 1);
  CHECK(std::string(long_file.what()) ==
        "prices.csv:1: header 'date,ticker,open,high' has no close column");

  const auto no_tickers = error_of("date\n2020-01-02\n");
  CHECK(no_tickers.line == 1);
  CHECK(says(no_tickers, "has no close column"));

  const auto no_ticker_column = error_of("date,open,close\n2020-01-02,1,2\n");
  CHECK(no_ticker_column.line == 1);
  CHECK(says(no_ticker_column, "has a column 'open' but no ticker column"));
}

TEST_CASE("errors: header on a later line after blank lines") {
  const auto e = error_of("\n\ndate,ticker,high\n");
  CHECK(e.line == 3);
  CHECK(says(e, "has no close column"));
}

TEST_CASE("errors: header problems") {
  const auto no_date = error_of("day,ticker,close\n2020-01-02,A,1\n");
  CHECK(no_date.line == 1);
  CHECK(says(no_date,
             "header 'day,ticker,close' has no date column (expected one named date, time, "
             "timestamp or datetime)"));

  const auto two_dates = error_of("date,ticker,time,close\n");
  CHECK(two_dates.line == 1);
  CHECK(says(two_dates, "two date columns: 'date' (column 1) and 'time' (column 3)"));

  const auto two_tickers = error_of("date,ticker,Symbol,close\n");
  CHECK(says(two_tickers, "two ticker columns: 'ticker' (column 2) and 'Symbol' (column 3)"));

  const auto unknown = error_of("date,ticker,close,adjusted\n");
  CHECK(unknown.line == 1);
  CHECK(
      says(unknown,
           "column 4 'adjusted' is not a price field (expected open, high, low, close or volume)"));

  const auto twice = error_of("date,ticker,close,Close\n");
  CHECK(says(twice, "column 'close' appears twice (columns 3 and 4)"));

  const auto unnamed = error_of("date,ticker,close,\n");
  CHECK(says(unnamed, "column 4 has no name"));
}

TEST_CASE("errors: empty ticker in a long row") {
  const auto e = error_of("date,ticker,close\n2020-01-02,A,1\n2020-01-02,  ,1\n");
  CHECK(e.line == 3);
  CHECK(std::string(e.what()) == "prices.csv:3: column ticker: the ticker is empty");
  CHECK(error_of("date,Symbol,close\n2020-01-02,\"\",1\n").line == 2);
}

TEST_CASE("errors: empty or duplicate ticker columns in a wide header") {
  const auto empty = error_of("date,AAA,,BBB\n2020-01-02,1,2,3\n");
  CHECK(empty.line == 1);
  CHECK(says(empty, "column 3 has an empty ticker name"));

  const auto duplicate = error_of("date,AAA,BBB, AAA\n2020-01-02,1,2,3\n");
  CHECK(duplicate.line == 1);
  CHECK(std::string(duplicate.what()) ==
        "prices.csv:1: ticker 'AAA' appears twice (columns 2 and 4)");
}

TEST_CASE("errors: CSV syntax errors surface with their line") {
  const auto open = error_of("date,ticker,close\n2020-01-02,A,1\n2020-01-03,\"A,1\n");
  CHECK(open.line == 3);
  CHECK(says(open, "unterminated quoted field"));

  const auto stray = error_of("date,ticker,close\n2020-01-02,\"A\"B,1\n");
  CHECK(stray.line == 2);
  CHECK(says(stray, "unexpected text after a closing quote"));
}

TEST_CASE("errors: missing file, directory, and errors inside a file name the path") {
  const std::string missing = MOSAIC_TEST_DATA_DIR "/csv/no_such_file.csv";
  const auto e = file_error_of(missing);
  CHECK(e.line == 0);
  CHECK(e.file == missing);
  CHECK(std::string(e.what()) == missing + ": cannot open: No such file or directory");

  const auto dir = file_error_of(MOSAIC_TEST_DATA_DIR "/csv");
  CHECK(dir.line == 0);
  CHECK(says(dir, "is a directory"));

  const std::string unsorted = MOSAIC_TEST_DATA_DIR "/csv/out_of_order.csv";
  const auto row = file_error_of(unsorted);
  CHECK(row.line == 4);
  CHECK(row.file == unsorted);
  CHECK(std::string(row.what())
            .starts_with(unsorted + ":4: date '2020-01-02' comes before 2020-01-03"));
}
