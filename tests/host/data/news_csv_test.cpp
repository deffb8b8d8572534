// The news reader: columns by header name, RFC 4180 fields, time order, located errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "host/data/data_error.hpp"
#include "host/data/news_csv.hpp"
#include "host/data/timestamp.hpp"

using mosaic::host::DataError;
using mosaic::host::format_timestamp;
using mosaic::host::NewsTable;
using mosaic::host::parse_news_csv;
using mosaic::host::read_news_csv;

namespace {

DataError error_of(std::string_view text) {
  try {
    parse_news_csv(text, "news.csv");
  } catch (const DataError& e) {
    return e;
  }
  throw std::logic_error("expected a DataError, but the text parsed");
}

std::string message_of(std::string_view text) { return error_of(text).what(); }

}  // namespace

TEST_CASE("news: the Reuters sample reads as 70 items in time order") {
  const NewsTable news = read_news_csv(std::filesystem::path(MOSAIC_DATA_DIR) / "reuters_crude_acq_1987.csv");
  REQUIRE(news.rows() == 70);
  REQUIRE(news.ticker.size() == 70);
  REQUIRE(news.headline.size() == 70);
  REQUIRE(news.body.size() == 70);
  for (size_t i = 1; i < news.rows(); ++i) CHECK(news.ts[i - 1] <= news.ts[i]);
  CHECK(format_timestamp(news.ts.front()) == "1987-02-26T15:18:06Z");
  CHECK(format_timestamp(news.ts.back()) == "1987-03-02T14:49:06Z");
  CHECK(news.headline.front() == "COMPUTER TERMINAL SYSTEMS <CPML> COMPLETES SALE");
  CHECK(news.ticker.front().empty());  // no ticker column: the module reads the <TAGS>
  // Bodies span lines and keep them; the topic column is ignored.
  CHECK(news.body.front().starts_with("Computer Terminal Systems Inc said\nit has completed"));
  CHECK(news.body.front().ends_with("Reuter"));
  // A doubled quote decodes to one; the source's "" inside a field arrives as "".
  size_t with_quotes = 0;
  for (const auto& b : news.body) with_quotes += b.find("\"\"") != std::string::npos ? 1 : 0;
  CHECK(with_quotes >= 1);
}

TEST_CASE("news: columns are found by name in any case and order; others are ignored") {
  const NewsTable news = parse_news_csv(
      "Source,HEADLINE,Symbol,Body,Date\n"
      "wire,  Profit rises  ,AAA,\"Line one,\nline two\",2024-01-03\n"
      "wire,Loss widens,BBB,,2024-01-02T10:30:00-05:00\n",
      "news.csv");
  REQUIRE(news.rows() == 2);
  // Sorted by time: 2024-01-02 15:30 UTC comes before 2024-01-03.
  CHECK(news.headline[0] == "Loss widens");
  CHECK(format_timestamp(news.ts[0]) == "2024-01-02T15:30:00Z");
  CHECK(news.ticker[0] == "BBB");
  CHECK(news.body[0].empty());
  CHECK(news.headline[1] == "Profit rises");  // trimmed
  CHECK(news.body[1] == "Line one,\nline two");
  CHECK(format_timestamp(news.ts[1]) == "2024-01-03");

  for (const char* time : {"ts", "timestamp", "date", "datetime", "time", "TimeStamp"}) {
    INFO(time);
    const NewsTable one = parse_news_csv(std::string(time) + ",headline\n2024-01-02,x\n", "news.csv");
    CHECK(one.rows() == 1);
  }
  // Ticker and body are optional: empty strings, one per row.
  const NewsTable bare = parse_news_csv("ts,headline\n2024-01-02,a\n2024-01-03,b\n", "news.csv");
  CHECK(bare.ticker == std::vector<std::string>{"", ""});
  CHECK(bare.body == std::vector<std::string>{"", ""});
  CHECK(parse_news_csv("ts,ticker,headline\n2024-01-02,,a\n", "news.csv").ticker[0].empty());
}

TEST_CASE("news: sorting is stable for items with the same time") {
  const NewsTable news = parse_news_csv(
      "ts,headline\n"
      "2024-01-03,c1\n"
      "2024-01-02,b1\n"
      "2024-01-03,c2\n"
      "2024-01-01,a\n"
      "2024-01-02,b2\n"
      "2024-01-03,c3\n",
      "news.csv");
  CHECK(news.headline == std::vector<std::string>{"a", "b1", "b2", "c1", "c2", "c3"});
}

TEST_CASE("news errors: the header") {
  CHECK(message_of("") == "news.csv: the file is empty (expected a header row)");
  CHECK(message_of("\n\n") == "news.csv: the file is empty (expected a header row)");
  CHECK(message_of("ts,title,body\n2024-01-02,x,y\n") ==
        "news.csv:1: header 'ts,title,body' has no headline column (a news file needs a time column and a "
        "headline column; ticker and body are optional)");
  CHECK(message_of("\nwhen,headline\n2024-01-02,x\n") ==
        "news.csv:2: header 'when,headline' has no time column (expected one named ts, timestamp, date, "
        "datetime or time)");
  CHECK(message_of("ts,date,headline\n") ==
        "news.csv:1: header has two time columns: 'ts' (column 1) and 'date' (column 2)");
  CHECK(message_of("ts,headline,Headline\n") ==
        "news.csv:1: header has two headline columns: 'headline' (column 2) and 'Headline' (column 3)");
  CHECK(message_of("ts,ticker,symbol,headline\n") ==
        "news.csv:1: header has two ticker columns: 'ticker' (column 2) and 'symbol' (column 3)");
  CHECK(message_of("ts,headline\n") == "news.csv: no data rows after the header");
}

TEST_CASE("news errors: rows name their line, counting lines inside quoted fields") {
  // Line 2 holds a body spanning lines 2-4, so the bad date is on line 5.
  const auto bad_date = error_of(
      "ts,headline,body\n"
      "2024-01-02,ok,\"one\ntwo\nthree\"\n"
      "2024-13-01,bad,x\n");
  CHECK(bad_date.line == 5);
  CHECK(std::string(bad_date.what()) ==
        "news.csv:5: column ts: '2024-13-01' is not a valid date (expected YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM[:SS[.fff]], optionally ending in Z or +HH:MM/-HH:MM)");
  CHECK(message_of("ts,headline\n2024-01-02,a\n,b\n") == "news.csv:3: column ts: the date is empty");
  CHECK(message_of("ts,headline,body\n2024-01-02,a,b\n2024-01-03,c\n") ==
        "news.csv:3: expected 3 fields (ts,headline,body), found 2");
  CHECK(message_of("ts,headline\n2024-01-02,a,extra\n") == "news.csv:2: expected 2 fields (ts,headline), found 3");
  CHECK(message_of("ts,headline\n2024-01-02,\"never closed\n") ==
        "news.csv:2: unterminated quoted field: the quote opened here is never closed");
}

TEST_CASE("news errors: a missing file is named") {
  try {
    read_news_csv("/no/such/news.csv");
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    CHECK(e.line == 0);
    CHECK(std::string(e.what()).starts_with("/no/such/news.csv: cannot open"));
  }
}

TEST_CASE("news: text that is not UTF-8 is kept with its bad bytes escaped; a ticker must be UTF-8") {
  const NewsTable t = parse_news_csv("date,ticker,headline,body\n2020-01-02,AAA,Caf\xe9 prices,r\xe9sum\xe9\n", "n.csv");
  CHECK(t.headline.at(0) == "Caf\\xE9 prices");
  CHECK(t.body.at(0) == "r\\xE9sum\\xE9");
  CHECK_THROWS_WITH_AS(parse_news_csv("date,ticker,headline\n2020-01-02,A\xff,x\n", "n.csv"),
                       "n.csv:2: column ticker: the ticker 'A\\xFF' is not UTF-8 (byte 2)", DataError);
}
