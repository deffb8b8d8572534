// When decisions trade (docs/metrics.md, Timing), by hand: a delay in bars, a fill at the
// next open with its two legs per period, slippage beside the commission.
#include "host/backtest/evaluator.hpp"
#include "host/backtest/metrics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace mosaic::host;

namespace {
const double NaN = std::nan("");

BacktestSettings timing(size_t delay, Fill fill, double cost_bps = 0, double slippage_bps = 0) {
  BacktestSettings s;
  s.cost_bps = cost_bps;
  s.slippage_bps = slippage_bps;
  s.delay = delay;
  s.fill = fill;
  return s;
}

// One asset: opens and closes of bars 0..3, decisions 1, 1, 0.5, 0.5.
const std::vector<double> kOpen = {100, 104, 108, 97}, kClose = {100, 110, 99, 99}, kDecided = {1, 1, 0.5, 0.5};

BacktestResult run(const BacktestSettings& s, const std::vector<double>& open = kOpen,
                   const std::vector<double>& close = kClose, const std::vector<double>& decided = kDecided) {
  return run_backtest({close.size(), 1, close, decided, open}, s);
}
}  // namespace

TEST_CASE("timing: with delay = 1 a decision is held from the next bar's close and earns from there") {
  const BacktestResult r = run(timing(1, Fill::Close));
  CHECK(r.held == std::vector<double>{0, 1, 1, 0.5});
  CHECK(r.returns[1] == 0);                                  // nothing held over (0, 1]
  CHECK(r.returns[2] == doctest::Approx(99.0 / 110 - 1));   // decided at 0, held from the close of 1
  CHECK(r.returns[3] == doctest::Approx(0.0));
  CHECK(r.turnover == std::vector<double>{0, 1, 0, 0.5});
  // A delay past the last bar: nothing is ever traded.
  const BacktestResult never = run(timing(4, Fill::Close));
  CHECK(never.held == std::vector<double>{0, 0, 0, 0});
  CHECK(never.equity.back() == 1.0);
}

TEST_CASE("timing: at the next open the old weight earns the gap into the open, the new one the day after it") {
  const BacktestResult r = run(timing(0, Fill::NextOpen));
  CHECK(r.held == std::vector<double>{0, 1, 1, 0.5});  // held at each close: bought at that bar's open
  CHECK(r.turnover == std::vector<double>{0, 1, 0, 0.5});
  CHECK(r.returns[0] == 0);
  // (0, 1]: flat into the open of 1, then 1 from the open (104) to the close (110).
  CHECK(r.returns[1] == doctest::Approx(110.0 / 104 - 1));
  // (1, 2]: 1 overnight (110 -> 108) and 1 after the open (108 -> 99): the close-to-close move.
  CHECK(r.returns[2] == doctest::Approx(99.0 / 110 - 1));
  // (2, 3]: 1 overnight (99 -> 97), then 0.5 from the open (97 -> 99), compounded.
  const double r3 = (1 + (97.0 / 99 - 1)) * (1 + 0.5 * (99.0 / 97 - 1)) - 1;
  CHECK(r.returns[3] == doctest::Approx(r3));
  CHECK(r.equity[3] == doctest::Approx((110.0 / 104) * (99.0 / 110) * (1 + r3)));
  const Metrics m = compute_metrics(r, {});
  CHECK(m.exposure == doctest::Approx((0 + 1 + 1) / 3.0));  // held at the closes that start the periods
  CHECK(m.turnover == doctest::Approx(1.5 / 3 * 252));      // every fill, the last decision never filled
}

TEST_CASE("timing: at the next open a trade's cost comes out of the leg after it, in the same period") {
  const BacktestResult r = run(timing(0, Fill::NextOpen, 10));
  CHECK(r.returns[1] == doctest::Approx((110.0 / 104 - 1) - 0.001 * 1));
  CHECK(r.returns[2] == doctest::Approx(99.0 / 110 - 1));  // no trade
  CHECK(r.returns[3] == doctest::Approx((97.0 / 99) * (1 + 0.5 * (99.0 / 97 - 1) - 0.001 * 0.5) - 1));
}

TEST_CASE("timing: a delay at the next open fills at the open delay + 1 bars after the decision") {
  const BacktestResult r = run(timing(1, Fill::NextOpen));
  CHECK(r.held == std::vector<double>{0, 0, 1, 1});  // decided at 0, bought at the open of 2
  CHECK(r.returns[1] == 0);
  CHECK(r.returns[2] == doctest::Approx(99.0 / 108 - 1));
  CHECK(r.returns[3] == doctest::Approx(99.0 / 99 - 1));
}

TEST_CASE("timing: at the next open a missing open lapses the trade, a missing close books its move at the open") {
  // No open at bar 2: the sale decided at bar 1 cannot be done there; the weight carries and
  // earns the whole move from the close of 1, and the sale happens at the open of 3.
  const BacktestResult gap = run(timing(0, Fill::NextOpen), {100, 104, NaN, 97}, kClose, {1, 0, 0, 0});
  CHECK(gap.held == std::vector<double>{0, 1, 1, 0});
  CHECK(gap.returns[2] == doctest::Approx(99.0 / 110 - 1));
  CHECK(gap.returns[3] == doctest::Approx(97.0 / 99 - 1));
  CHECK(gap.turnover == std::vector<double>{0, 1, 0, 1});
  // No close at bar 2: the day's move waits for the next price, the open of 3.
  const BacktestResult shut = run(timing(0, Fill::NextOpen), kOpen, {100, 110, NaN, 99}, {1, 1, 1, 1});
  CHECK(shut.returns[2] == doctest::Approx(108.0 / 110 - 1));
  CHECK(shut.returns[3] == doctest::Approx(99.0 / 108 - 1));
}

TEST_CASE("timing: slippage is a cost per unit of turnover charged with the commission") {
  for (Fill fill : {Fill::Close, Fill::NextOpen}) {
    const BacktestResult both = run(timing(0, fill, 3, 2)), commission = run(timing(0, fill, 5, 0));
    CHECK(both.returns == commission.returns);
  }
  const BacktestResult free = run(timing(0, Fill::Close)), slipped = run(timing(0, Fill::Close, 0, 10));
  CHECK(free.returns[1] - slipped.returns[1] == doctest::Approx(0.001 * 1.0));
  CHECK(free.returns[3] - slipped.returns[3] == doctest::Approx(0.001 * 0.5));
}
