#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "host/data/price_csv.hpp"
#include "host/data/timestamp.hpp"

using mosaic::host::format_timestamp;
using mosaic::host::MarketData;
using mosaic::host::parse_price_csv;
using mosaic::host::read_price_csv;

TEST_CASE("wide: one close column per ticker, in column order") {
  const MarketData md = parse_price_csv(
      "date,ZZZ,AAA\n"
      "2020-01-02,1,10\n"
      "2020-01-03,2,20\n"
      "2020-01-06,3,30\n",
      "wide.csv");
  CHECK(md.tickers == std::vector<std::string>{"ZZZ", "AAA"});
  CHECK(md.bars() == 3);
  CHECK(md.fields.size() == 1);
  CHECK(md.has("close"));
  CHECK(md.fields.at("close") == std::vector<double>{1, 2, 3, 10, 20, 30});
  CHECK(format_timestamp(md.ts.front()) == "2020-01-02");
  CHECK(format_timestamp(md.ts.back()) == "2020-01-06");
}

TEST_CASE("wide: missing values become NaN") {
  const MarketData md = parse_price_csv(
      "date,A,B,C\n"
      "2020-01-02,1,NA,\n"
      "2020-01-03,null,2, nan \n",
      "wide_na.csv");
  const auto& close = md.fields.at("close");
  REQUIRE(close.size() == 6);
  CHECK(close[0] == 1);
  CHECK(std::isnan(close[1]));
  CHECK(std::isnan(close[2]));
  CHECK(close[3] == 2);
  CHECK(std::isnan(close[4]));
  CHECK(std::isnan(close[5]));
}

TEST_CASE("wide: ticker names are trimmed, case and punctuation kept") {
  const MarketData md =
      parse_price_csv(" Date , spy ,\"BRK.B\", ^GSPC \n2020-01-02,1,2,3\n", "w.csv");
  CHECK(md.tickers == std::vector<std::string>{"spy", "BRK.B", "^GSPC"});
}

TEST_CASE("wide: the time column need not be first") {
  const MarketData md =
      parse_price_csv("AAA,datetime,BBB\n1,2020-01-02T16:00:00-05:00,2\n", "w.csv");
  CHECK(md.tickers == std::vector<std::string>{"AAA", "BBB"});
  CHECK(format_timestamp(md.ts[0]) == "2020-01-02T21:00:00Z");
  CHECK(md.fields.at("close") == std::vector<double>{1, 2});
}

TEST_CASE("wide: intraday ISO timestamps, increasing as instants") {
  const MarketData md = parse_price_csv(
      "time,AAA\n"
      "2020-01-02T10:00:00+01:00,1\n"  // 09:00Z
      "2020-01-02T09:30:00Z,2\n"
      "2020-01-02 09:45:00.25,3\n",
      "w.csv");
  std::vector<std::string> text;
  for (int64_t t : md.ts) text.push_back(format_timestamp(t));
  CHECK(text == std::vector<std::string>{"2020-01-02T09:00:00Z", "2020-01-02T09:30:00Z",
                                         "2020-01-02T09:45:00.250Z"});
}

TEST_CASE("wide: fixture file") {
  const MarketData md = read_price_csv(MOSAIC_TEST_DATA_DIR "/csv/wide_closes.csv");
  CHECK(md.tickers == std::vector<std::string>{"SPY", "TLT", "GLD"});
  CHECK(md.bars() == 3);
  CHECK(md.series("close", 0)[2] == 323.64);
  CHECK(std::isnan(md.series("close", 1)[1]));
  CHECK(std::isnan(md.series("close", 2)[2]));
  CHECK(md.series("close", 2)[1] == 145.86);
}
