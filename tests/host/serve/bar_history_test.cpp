#include "host/serve/bar_history.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

using namespace mosaic::host;
using mosaic::host::serve::BarHistory;

TEST_CASE("appended bars come back as a column-major window") {
  MarketData initial;
  initial.ts = {1, 2};
  initial.tickers = {"A", "B"};
  initial.fields["close"] = {10, 11, 20, 21};  // A: 10 11, B: 20 21
  BarHistory h(initial);
  h.append(3, {{"close", {{"A", 12}, {"B", 22}}}});
  CHECK(h.bars() == 3);
  MarketData w = h.window(3, 2);
  CHECK(w.ts == std::vector<int64_t>{2, 3});
  CHECK(w.fields.at("close") == std::vector<double>{11, 12, 21, 22});
  MarketData all = h.window(3, 100);
  CHECK(all.bars() == 3);
  MarketData early = h.window(1, 100);
  CHECK(early.ts == std::vector<int64_t>{1});
  CHECK_THROWS_AS(h.window(4, 1), std::out_of_range);
}

TEST_CASE("a new ticker joins the universe, missing on earlier bars") {
  BarHistory h;
  h.append(1, {{"close", {{"A", 1}}}});
  h.append(2, {{"close", {{"A", 2}, {"C", 5}}}});
  h.append(3, {{"close", {{"C", 6}}}});  // A has no row on bar 3
  MarketData w = h.window(3, 10);
  REQUIRE(w.tickers == std::vector<std::string>{"A", "C"});
  const auto& c = w.fields.at("close");
  CHECK(c[0] == 1);
  CHECK(c[1] == 2);
  CHECK(std::isnan(c[2]));
  CHECK(std::isnan(c[3]));
  CHECK(c[4] == 5);
  CHECK(c[5] == 6);
  CHECK(h.assets() == 2);
  CHECK(h.last_ts() == 3);
}

TEST_CASE("a field first seen later is missing before it") {
  BarHistory h;
  h.append(1, {{"close", {{"A", 1}}}});
  h.append(2, {{"close", {{"A", 2}}}, {"volume", {{"A", 100}}}});
  MarketData w = h.window(2, 10);
  CHECK(std::isnan(w.fields.at("volume")[0]));
  CHECK(w.fields.at("volume")[1] == 100);
}

TEST_CASE("trimming keeps indices absolute and refuses windows into the trimmed part") {
  BarHistory h;
  for (int64_t t = 1; t <= 10; ++t) h.append(t, {{"close", {{"A", static_cast<double>(t)}}}});
  h.trim(6);  // holds 10 < 2 x 6: nothing yet
  CHECK(h.window(10, 10).bars() == 10);
  h.append(11, {{"close", {{"A", 11}}}});
  h.append(12, {{"close", {{"A", 12}}}});
  h.trim(6);  // 12 held: keeps the last 6
  CHECK(h.bars() == 12);
  MarketData w = h.window(12, 6);
  CHECK(w.ts == std::vector<int64_t>{7, 8, 9, 10, 11, 12});
  CHECK(h.window(10, 4).fields.at("close") == std::vector<double>{7, 8, 9, 10});
  CHECK_THROWS_AS(h.window(12, 7), std::out_of_range);
  h.append(13, {{"close", {{"A", 13}}}});
  CHECK(h.window(13, 2).ts == std::vector<int64_t>{12, 13});
}
