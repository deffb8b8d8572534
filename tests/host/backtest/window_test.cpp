#include "host/backtest/window.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace mosaic::host;

TEST_CASE("a backtest window rebases equity and keeps only its own returns") {
  // One asset, always fully invested, on closes 100, 110, 99, 108.9, 119.79.
  const std::vector<double> close = {100, 110, 99, 108.9, 119.79};
  const std::vector<double> weights(5, 1.0);
  const BacktestResult full = run_backtest({5, 1, close, weights}, {});
  const BacktestResult w = backtest_window(full, 2, 5);
  REQUIRE(w.bars == 3);
  CHECK(w.returns[0] == 0.0);
  CHECK(w.returns[1] == doctest::Approx(0.10));
  CHECK(w.returns[2] == doctest::Approx(0.10));
  CHECK(w.equity[0] == 1.0);
  CHECK(w.equity[2] == doctest::Approx(1.21));
  CHECK(w.drawdown[2] == 0.0);
  CHECK(w.held.size() == 3);
  // Before the window the strategy lost 10% from its peak; the window does not inherit that.
  CHECK(full.drawdown[2] > 0.09);
  CHECK_THROWS_AS(backtest_window(full, 3, 3), std::out_of_range);
  CHECK_THROWS_AS(backtest_window(full, 0, 6), std::out_of_range);
}
