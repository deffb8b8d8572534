#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "host/data/price_csv.hpp"
#include "host/data/timestamp.hpp"

using mosaic::host::format_timestamp;
using mosaic::host::MarketData;
using mosaic::host::parse_price_csv;
using mosaic::host::parse_timestamp;
using mosaic::host::read_price_csv;

namespace {

std::vector<std::string> dates(const MarketData& md) {
  std::vector<std::string> out;
  for (int64_t t : md.ts) out.push_back(format_timestamp(t));
  return out;
}

double at(const MarketData& md, const std::string& field, size_t asset, size_t bar) {
  return md.series(field, asset)[bar];
}

}  // namespace

TEST_CASE("long OHLCV: every field, column-major") {
  const MarketData md = parse_price_csv(
      "date,ticker,open,high,low,close,volume\n"
      "2020-01-02,AAA,1,2,0.5,1.5,100\n"
      "2020-01-02,BBB,10,20,5,15,1000\n"
      "2020-01-03,AAA,1.5,2.5,1,2,200\n"
      "2020-01-03,BBB,15,25,10,20,2000\n",
      "ohlcv.csv");
  CHECK(md.bars() == 2);
  CHECK(md.assets() == 2);
  CHECK(md.tickers == std::vector<std::string>{"AAA", "BBB"});
  CHECK(dates(md) == std::vector<std::string>{"2020-01-02", "2020-01-03"});
  CHECK(md.fields.size() == 5);
  for (const char* f : {"open", "high", "low", "close", "volume"}) CHECK(md.has(f));
  CHECK(md.fields.at("open") == std::vector<double>{1, 1.5, 10, 15});
  CHECK(md.fields.at("high") == std::vector<double>{2, 2.5, 20, 25});
  CHECK(md.fields.at("low") == std::vector<double>{0.5, 1, 5, 10});
  CHECK(md.fields.at("close") == std::vector<double>{1.5, 2, 15, 20});
  CHECK(md.fields.at("volume") == std::vector<double>{100, 200, 1000, 2000});
}

TEST_CASE("long close-only: only the close field") {
  const MarketData md = parse_price_csv("date,ticker,close\n2020-01-02,X,3.25\n", "c.csv");
  CHECK(md.fields.size() == 1);
  CHECK(md.has("close"));
  CHECK_FALSE(md.has("open"));
  CHECK(at(md, "close", 0, 0) == 3.25);
}

TEST_CASE("long: a subset of fields in any column order, names in any case") {
  const MarketData md = parse_price_csv(
      " Volume ,CLOSE,Ticker, DATE ,High\n"
      "10,1.5,AAA,2020-01-02,2\n",
      "subset.csv");
  CHECK(md.fields.size() == 3);
  CHECK(md.has("volume"));
  CHECK(md.has("close"));
  CHECK(md.has("high"));
  CHECK(md.tickers == std::vector<std::string>{"AAA"});
  CHECK(at(md, "volume", 0, 0) == 10);
  CHECK(at(md, "close", 0, 0) == 1.5);
  CHECK(at(md, "high", 0, 0) == 2);
  CHECK(dates(md) == std::vector<std::string>{"2020-01-02"});
}

TEST_CASE("long: the time column may be named date, time, timestamp or datetime") {
  for (const char* name : {"date", "time", "timestamp", "datetime", "DateTime"}) {
    CAPTURE(name);
    const MarketData md =
        parse_price_csv(std::string(name) + ",ticker,close\n2020-01-02,A,1\n", "names.csv");
    CHECK(md.ts == std::vector<int64_t>{*parse_timestamp("2020-01-02")});
  }
  // A symbol column does the ticker's job.
  CHECK(parse_price_csv("date,symbol,close\n2020-01-02,A,1\n", "s.csv").tickers ==
        std::vector<std::string>{"A"});
}

TEST_CASE("long: universe in order of first appearance, aligned on the union of dates") {
  const MarketData md = parse_price_csv(
      "date,ticker,close\n"
      "2020-01-02,ZZZ,1\n"
      "2020-01-02,AAA,10\n"
      "2020-01-03,AAA,11\n"
      "2020-01-06,MMM,100\n"
      "2020-01-06,ZZZ,3\n"
      "2020-01-06,AAA,12\n",
      "align.csv");
  CHECK(md.tickers == std::vector<std::string>{"ZZZ", "AAA", "MMM"});
  CHECK(dates(md) == std::vector<std::string>{"2020-01-02", "2020-01-03", "2020-01-06"});
  const auto zzz = md.series("close", 0);
  CHECK(zzz[0] == 1);
  CHECK(std::isnan(zzz[1]));
  CHECK(zzz[2] == 3);
  const auto aaa = md.series("close", 1);
  CHECK(aaa[0] == 10);
  CHECK(aaa[1] == 11);
  CHECK(aaa[2] == 12);
  const auto mmm = md.series("close", 2);
  CHECK(std::isnan(mmm[0]));
  CHECK(std::isnan(mmm[1]));
  CHECK(mmm[2] == 100);
}

TEST_CASE("long: a row gap leaves NaN in every field") {
  const MarketData md = parse_price_csv(
      "date,ticker,open,close,volume\n"
      "2020-01-02,A,1,2,3\n"
      "2020-01-02,B,4,5,6\n"
      "2020-01-03,A,7,8,9\n",
      "gap.csv");
  for (const char* f : {"open", "close", "volume"}) {
    CAPTURE(f);
    CHECK(std::isnan(at(md, f, 1, 1)));
    CHECK_FALSE(std::isnan(at(md, f, 1, 0)));
  }
  CHECK(at(md, "volume", 0, 1) == 9);
}

TEST_CASE("long: missing-value markers become NaN") {
  const MarketData md = parse_price_csv(
      "date,ticker,open,close\n"
      "2020-01-02,A,,NA\n"
      "2020-01-02,B,na,NaN\n"
      "2020-01-02,C,nan,null\n"
      "2020-01-02,D,NULL,  \n"
      "2020-01-02,E, NA ,\"\"\n",
      "missing.csv");
  REQUIRE(md.assets() == 5);
  for (size_t a = 0; a < 5; ++a) {
    CAPTURE(a);
    CHECK(std::isnan(at(md, "open", a, 0)));
    CHECK(std::isnan(at(md, "close", a, 0)));
  }
}

TEST_CASE("long: number forms") {
  const MarketData md = parse_price_csv(
      "date,ticker,close\n"
      "2020-01-02,A, 1.5 \n"
      "2020-01-02,B,+2\n"
      "2020-01-02,C,-3.25\n"
      "2020-01-02,D,1e3\n"
      "2020-01-02,E,\"4.5\"\n"
      "2020-01-02,F,.5\n"
      "2020-01-02,G,0\n",
      "numbers.csv", {.allow_nonpositive = true});  // the forms, not the prices, are the point here
  CHECK(md.fields.at("close") == std::vector<double>{1.5, 2, -3.25, 1000, 4.5, 0.5, 0});
}

TEST_CASE("long: tickers are trimmed and may be quoted; case is kept") {
  const MarketData md = parse_price_csv(
      "date,ticker,close\n"
      "2020-01-02, AAA ,1\n"
      "2020-01-02,\"BRK.B\",2\n"
      "2020-01-02,aaa,3\n"
      "2020-01-03,AAA,4\n",
      "tickers.csv");
  CHECK(md.tickers == std::vector<std::string>{"AAA", "BRK.B", "aaa"});
  CHECK(md.series("close", 0)[1] == 4);
}

TEST_CASE("long: ISO timestamps with time of day and offsets") {
  const MarketData md = parse_price_csv(
      "timestamp,ticker,close\n"
      "2020-01-02T14:30:00Z,AAA,1\n"
      "2020-01-02T09:30:00-05:00,BBB,2\n"  // the same instant as the row above
      "2020-01-02 15:30,AAA,3\n"
      "2020-01-02T17:30:00.5+02:00,BBB,4\n"  // 15:30:00.5 UTC, after 15:30
      "2020-01-03,AAA,5\n",
      "intraday.csv");
  CHECK(dates(md) == std::vector<std::string>{"2020-01-02T14:30:00Z", "2020-01-02T15:30:00Z",
                                              "2020-01-02T15:30:00.500Z", "2020-01-03"});
  CHECK(md.series("close", 0)[0] == 1);
  CHECK(md.series("close", 1)[0] == 2);
  CHECK(md.series("close", 0)[1] == 3);
  CHECK(std::isnan(md.series("close", 1)[1]));
  CHECK(md.series("close", 1)[2] == 4);
  CHECK(md.series("close", 0)[3] == 5);
}

TEST_CASE("long: CRLF, blank lines, a BOM and quoted headers") {
  const MarketData md = parse_price_csv(
      "\xEF\xBB\xBF\"date\",\"ticker\",\"close\"\r\n"
      "2020-01-02,A,1\r\n"
      "\r\n"
      "2020-01-03,A,2\r\n\r\n",
      "crlf.csv");
  CHECK(md.bars() == 2);
  CHECK(md.fields.at("close") == std::vector<double>{1, 2});
}

TEST_CASE("long: fixture file with CRLF, offsets and gaps") {
  const MarketData md = read_price_csv(MOSAIC_TEST_DATA_DIR "/csv/intraday_long.csv");
  CHECK(md.tickers == std::vector<std::string>{"EURUSD", "GBPUSD"});
  CHECK(dates(md) == std::vector<std::string>{"2021-03-01T08:00:00Z", "2021-03-01T09:00:00Z",
                                              "2021-03-01T10:00:00Z"});
  CHECK(md.fields.size() == 5);
  CHECK(md.series("close", 0)[2] == 1.2065);
  CHECK(std::isnan(md.series("close", 1)[1]));
  CHECK(std::isnan(md.series("volume", 0)[1]));
  CHECK(md.series("open", 1)[2] == 1.3951);
}
