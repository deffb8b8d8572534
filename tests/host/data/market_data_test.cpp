#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "host/data/market_data.hpp"

using mosaic::host::MarketData;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// 2 assets x 3 bars; close = asset * 10 + bar, volume = 100 + close.
MarketData sample() {
  MarketData md;
  md.ts = {100, 200, 300};
  md.tickers = {"AAA", "BBB"};
  md.fields["close"] = {0, 1, 2, 10, 11, kNaN};
  md.fields["volume"] = {100, 101, 102, 110, 111, 112};
  return md;
}

std::vector<double> to_vector(std::span<const double> s) { return {s.begin(), s.end()}; }

}  // namespace

TEST_CASE("MarketData: shape and fields") {
  const MarketData md = sample();
  CHECK(md.bars() == 3);
  CHECK(md.assets() == 2);
  CHECK(md.has("close"));
  CHECK(md.has("volume"));
  CHECK_FALSE(md.has("open"));
  CHECK(MarketData{}.bars() == 0);
  CHECK(MarketData{}.assets() == 0);
}

TEST_CASE("MarketData: series is the asset's contiguous column") {
  const MarketData md = sample();
  CHECK(to_vector(md.series("close", 0)) == std::vector<double>{0, 1, 2});
  const auto b = md.series("close", 1);
  REQUIRE(b.size() == 3);
  CHECK(b[0] == 10);
  CHECK(b[1] == 11);
  CHECK(std::isnan(b[2]));
  CHECK(md.series("volume", 1).data() == md.fields.at("volume").data() + 3);
}

TEST_CASE("MarketData: series throws out_of_range naming the field") {
  const MarketData md = sample();
  CHECK_THROWS_WITH_AS(md.series("open", 0), doctest::Contains("'open'"), std::out_of_range);
  CHECK_THROWS_WITH_AS(md.series("close", 2), doctest::Contains("asset index 2"),
                       std::out_of_range);
}

TEST_CASE("MarketData: slice keeps the universe and cuts every field") {
  const MarketData md = sample();
  const MarketData s = md.slice(1, 3);
  CHECK(s.ts == std::vector<int64_t>{200, 300});
  CHECK(s.tickers == md.tickers);
  CHECK(s.bars() == 2);
  CHECK(to_vector(s.series("close", 0)) == std::vector<double>{1, 2});
  CHECK(s.series("close", 1)[0] == 11);
  CHECK(std::isnan(s.series("close", 1)[1]));
  CHECK(to_vector(s.series("volume", 1)) == std::vector<double>{111, 112});
  CHECK(s.fields.size() == 2);

  const MarketData first = md.slice(0, 1);
  CHECK(first.fields.at("close") == std::vector<double>{0, 10});

  const MarketData whole = md.slice(0, 3);
  CHECK(whole.ts == md.ts);
  CHECK(whole.fields.at("volume") == md.fields.at("volume"));
}

TEST_CASE("MarketData: empty slices and bad ranges") {
  const MarketData md = sample();
  const MarketData empty = md.slice(2, 2);
  CHECK(empty.bars() == 0);
  CHECK(empty.assets() == 2);
  CHECK(empty.fields.at("close").empty());
  CHECK(empty.series("close", 1).empty());
  CHECK_THROWS_AS(md.slice(2, 1), std::out_of_range);
  CHECK_THROWS_AS(md.slice(0, 4), std::out_of_range);
  CHECK_THROWS_AS(md.slice(4, 4), std::out_of_range);
}
