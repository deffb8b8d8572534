#include "host/backtest/buy_and_hold.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace mosaic::host;

TEST_CASE("benchmark: equal-weight buy-and-hold splits the capital at the first priced bar and lets it drift") {
  // Asset-major: A doubles, B halves, C has no price at the start and is not bought.
  const std::vector<double> close = {NAN, 10, 20, 20,   // A
                                     NAN, 4, 2, NAN,    // B: its last price carries over
                                     NAN, NAN, 5, 6};   // C
  const BuyAndHold b = equal_weight_buy_and_hold(4, 3, close);
  CHECK(b.assets_held == 2);
  REQUIRE(b.equity.size() == 4);
  CHECK(b.equity[0] == 1.0);  // nothing priced yet
  CHECK(b.equity[1] == 1.0);
  CHECK(b.equity[2] == doctest::Approx(0.5 * 2 + 0.5 * 0.5));
  CHECK(b.equity[3] == doctest::Approx(1.25));
}

TEST_CASE("benchmark: without any price it stays at 1") {
  const BuyAndHold b = equal_weight_buy_and_hold(2, 1, std::vector<double>{NAN, NAN});
  CHECK(b.assets_held == 0);
  CHECK(b.equity == std::vector<double>{1.0, 1.0});
}
