// The series technical keeps from call to call: valid for the prices they came from only,
// bounded, and never left half-computed.
#include "kept_series.hpp"

#include <doctest/doctest.h>

#include <span>
#include <vector>

using namespace mosaic::technical;

TEST_CASE("kept series: found again for the same prices, forgotten for others") {
  KeptSeries kept(1 << 20);
  std::vector<double> a = {1, 2, 3}, b = {1, 2, 4};
  kept.check_prices({std::span<const double>(a)}, 0);
  auto room = kept.make(Indicator::Sma, {2}, 0);
  REQUIRE(room);
  (*room)[2] = 2.5;
  kept.check_prices({std::span<const double>(a)}, 0);
  REQUIRE(kept.find(Indicator::Sma, {2}, 0));
  CHECK((*kept.find(Indicator::Sma, {2}, 0))[2] == 2.5);
  CHECK_FALSE(kept.find(Indicator::Sma, {3}, 0));
  CHECK_FALSE(kept.find(Indicator::Sma, {2}, 1));  // another asset
  kept.check_prices({std::span<const double>(b)}, 0);   // one price differs
  CHECK_FALSE(kept.find(Indicator::Sma, {2}, 0));
}

TEST_CASE("kept series: past the budget nothing more is kept, and what is kept stays") {
  std::vector<double> p(100, 1.0);
  KeptSeries kept(2 * 100 * sizeof(double));  // room for two series
  kept.check_prices({std::span<const double>(p)}, 0);
  CHECK(kept.make(Indicator::Sma, {2}, 0));
  CHECK(kept.make(Indicator::Sma, {3}, 0));
  CHECK_FALSE(kept.make(Indicator::Sma, {4}, 0));
  kept.check_prices({std::span<const double>(p)}, 0);
  CHECK(kept.find(Indicator::Sma, {2}, 0));
  CHECK(kept.find(Indicator::Sma, {3}, 0));
  CHECK_FALSE(kept.make(Indicator::Sma, {4}, 0));
  kept.forget(Indicator::Sma, {3}, 0);  // room again
  CHECK(kept.make(Indicator::Sma, {4}, 0));
}

TEST_CASE("kept series: a series whose computation failed is forgotten") {
  std::vector<double> p(10, 1.0);
  KeptSeries kept(1 << 20);
  kept.check_prices({std::span<const double>(p)}, 0);
  REQUIRE(kept.make(Indicator::Rsi, {14}, 0));
  kept.forget(Indicator::Rsi, {14}, 0);
  CHECK_FALSE(kept.find(Indicator::Rsi, {14}, 0));
}

TEST_CASE("kept series: the host's key of the prices stands in for comparing them") {
  std::vector<double> a = {1, 2, 3}, b = {1, 2, 4};
  KeptSeries kept(1 << 20);
  kept.check_prices({std::span<const double>(a)}, 7);
  REQUIRE(kept.make(Indicator::Sma, {2}, 0));
  // The same key: the same data, by the extension's contract, so the prices are not read
  // (b differs, and the series stays).
  kept.check_prices({std::span<const double>(b)}, 7);
  CHECK(kept.find(Indicator::Sma, {2}, 0));
  // Another key says nothing: the prices are compared, and equal ones keep the series.
  kept.check_prices({std::span<const double>(a)}, 8);
  CHECK(kept.find(Indicator::Sma, {2}, 0));
  // No key (0): compared, and different prices forget.
  kept.check_prices({std::span<const double>(b)}, 0);
  CHECK_FALSE(kept.find(Indicator::Sma, {2}, 0));
}
