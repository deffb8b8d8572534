// What a bad-input probe found the price reader accepting, now refused with the line: prices
// of 0 or below, huge and non-UTF-8 names, and huge cells echoed whole in errors.
#include "host/data/data_error.hpp"
#include "host/data/price_csv.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using namespace mosaic::host;

namespace {

std::string error_of(const std::string& text, PriceReadOptions options = {}) {
  try {
    parse_price_csv(text, "prices.csv", options);
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("prices: a price of 0 or below is a data error with its line, unless the config allows it") {
  CHECK(error_of("date,A,B\n2020-01-01,1,2\n2020-01-02,0,2\n") ==
        "prices.csv:3: column A: 0 is not a price (a price must be above 0; for series that can be 0 or below, such "
        "as spreads, set [data] allow_nonpositive_prices = true)");
  CHECK(error_of("date,ticker,close\n2020-01-01,A,-5\n").find("prices.csv:2: column close: -5 is not a price") == 0);
  CHECK(error_of("date,ticker,open,close\n2020-01-01,A,0,1\n").find("column open: 0 is not a price") !=
        std::string::npos);
  // A volume of 0 is a quiet day, not an error; a missing price is still missing.
  CHECK(error_of("date,ticker,close,volume\n2020-01-01,A,10,0\n2020-01-02,A,,0\n") == "");
  const MarketData spread = parse_price_csv("date,A\n2020-01-01,-0.5\n2020-01-02,0\n", "spread.csv",
                                            {.allow_nonpositive = true});
  CHECK(spread.fields.at("close")[0] == -0.5);
  CHECK(spread.fields.at("close")[1] == 0.0);
}

TEST_CASE("prices: names are bounded and UTF-8, and an echoed cell is bounded") {
  const std::string long_name(300, 'X');
  CHECK(error_of("date,ticker,close\n2020-01-01," + long_name + ",1\n")
            .find("prices.csv:2: column ticker: a ticker of 300 bytes ('XXXX") == 0);
  CHECK(error_of("date," + long_name + "\n2020-01-01,1\n").find("prices.csv:1: column 2: a column name of 300 bytes") ==
        0);
  CHECK(error_of("date,ticker,close\n2020-01-01,A\xff,1\n") ==
        "prices.csv:2: column ticker: the ticker 'A\\xFF' is not UTF-8 (byte 2)");
  CHECK(error_of("date,\xc3\x28\n2020-01-01,1\n").find("the column name '\\xC3(' is not UTF-8") != std::string::npos);
  const std::string huge(10'000'000, '7');
  const std::string message = error_of("date,A\n2020-01-01," + huge + "x\n");
  CHECK(message.size() < 400);
  CHECK(message.find("... (10000001 bytes)") != std::string::npos);
  // A ticker of 256 bytes, UTF-8 beyond ASCII, is a ticker.
  const std::string ok_name = std::string(254, 'a') + "\xc3\xa9";
  CHECK(parse_price_csv("date,ticker,close\n2020-01-01," + ok_name + ",1\n", "p.csv").tickers.front() == ok_name);
}
