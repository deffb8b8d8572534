#include "host/backtest/evaluator.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace mosaic::host;

namespace {
const double NaN = std::nan("");

BacktestResult run(const std::vector<double>& close, const std::vector<double>& weights, size_t assets,
                   double cost_bps = 0) {
  BacktestInput in{close.size() / assets, assets, close, weights};
  return run_backtest(in, BacktestSettings{cost_bps, 0.0, 252});
}
}  // namespace

TEST_CASE("backtest: weights decided at t earn the return from t to t+1") {
  // Prices 100, 110, 99, 99; weights 1, 1, 0.5, 0.5; no costs.
  auto r = run({100, 110, 99, 99}, {1, 1, 0.5, 0.5}, 1);
  CHECK(r.returns[0] == 0);
  CHECK(r.returns[1] == doctest::Approx(0.10));   // 1 * (110/100 - 1)
  CHECK(r.returns[2] == doctest::Approx(-0.10));  // 1 * (99/110 - 1)
  CHECK(r.returns[3] == doctest::Approx(0.0));    // 0.5 * (99/99 - 1)
  CHECK(r.equity[3] == doctest::Approx(1.1 * 0.9));
  CHECK(r.drawdown[2] == doctest::Approx(1 - 0.99 / 1.1));
  CHECK(r.turnover == std::vector<double>{1, 0, 0.5, 0});
  CHECK(r.gross == std::vector<double>{1, 1, 0.5, 0.5});
}

TEST_CASE("backtest: a weight decided at t does not earn the move into t") {
  // The jump from 100 to 200 happens at bar 1; the position is only taken at bar 1.
  auto r = run({100, 200, 200}, {0, 1, 1}, 1);
  CHECK(r.returns[1] == 0);
  CHECK(r.returns[2] == 0);
}

TEST_CASE("backtest: costs are charged once per change of weight, in basis points of turnover") {
  auto free = run({100, 110, 99, 99, 99}, {1, 1, 0.5, 0.5, 0.5}, 1, 0);
  auto paid = run({100, 110, 99, 99, 99}, {1, 1, 0.5, 0.5, 0.5}, 1, 10);
  // 10 bps of the 1.0 bought at bar 0, paid over (0, 1]; of the 0.5 sold at bar 2, over (2, 3].
  CHECK(free.returns[1] - paid.returns[1] == doctest::Approx(0.001 * 1.0));
  CHECK(free.returns[2] - paid.returns[2] == doctest::Approx(0.0));
  CHECK(free.returns[3] - paid.returns[3] == doctest::Approx(0.001 * 0.5));
  CHECK(free.returns[4] - paid.returns[4] == doctest::Approx(0.0));  // unchanged weight: no cost again
  double total = 0;
  for (size_t t = 0; t < 5; ++t) total += free.returns[t] - paid.returns[t];
  CHECK(total == doctest::Approx(0.001 * 1.5));
}

TEST_CASE("backtest: an asset without a price cannot trade; its weight carries and its move is booked later") {
  // Two assets, bars 0..3; B has no price at bar 2. Weights for B change at bar 2 (ignored)
  // and again at bar 3 (applied).
  const std::vector<double> close = {100, 100, 100, 100,  // A
                                     50, 55, NaN, 66};    // B
  const std::vector<double> weights = {0.5, 0.5, 0.5, 0.5,  // A
                                       0.5, 0.5, 0.0, 0.2};  // B
  auto r = run(close, weights, 2);
  CHECK(r.held[1 * 4 + 2] == 0.5);  // carried through the missing bar
  CHECK(r.held[1 * 4 + 3] == 0.2);
  CHECK(r.returns[1] == doctest::Approx(0.5 * 0.10));
  CHECK(r.returns[2] == doctest::Approx(0.0));               // B has no price: nothing booked yet
  CHECK(r.returns[3] == doctest::Approx(0.5 * (66.0 / 55 - 1)));  // the move since its last price
  CHECK(r.turnover[2] == 0);
  CHECK(r.turnover[3] == doctest::Approx(0.3));
}

TEST_CASE("backtest: a NaN weight holds the previous position; an unlisted asset stays flat") {
  auto r = run({NaN, NaN, 10, 11}, {1, 1, NaN, 1}, 1);
  CHECK(r.held == std::vector<double>{0, 0, 0, 1});  // no price before bar 2, no decision at 2
  CHECK(r.returns[3] == 0);
  auto s = run({10, 11, 12}, {1, NaN, NaN}, 1);
  CHECK(s.held == std::vector<double>{1, 1, 1});
  CHECK(s.returns[2] == doctest::Approx(12.0 / 11 - 1));
}

TEST_CASE("backtest: mismatched inputs are refused") {
  std::vector<double> close = {1, 2, 3};
  std::vector<double> weights = {1, 1};
  CHECK_THROWS_AS(run_backtest(BacktestInput{3, 1, close, weights}, {}), std::invalid_argument);
}
