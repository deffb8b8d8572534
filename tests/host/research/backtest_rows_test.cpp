#include "host/research/backtest_rows.hpp"

#include "host/backtest/metrics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

// Two assets over six bars, with a trade on most bars and a missing price.
BacktestResult sample_backtest() {
  const double nan = NAN;
  const std::vector<double> close = {100, 101, 99,  102, 103, 101,  // asset 0
                                     50,  51,  nan, 52,  50,  49};  // asset 1
  const std::vector<double> weights = {0.5, 0.7, 0.2, 0.6, 0.6, 0.1, 0.5, -0.2, 0.3, 0.4, 0.0, 0.3};
  return run_backtest({6, 2, close, weights}, {10.0, 0.0, 252});
}

std::vector<std::size_t> identity(std::size_t n) {
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  return idx;
}

void check_same_rows(const BacktestResult& a, const BacktestResult& b) {
  REQUIRE(a.bars == b.bars);
  for (std::size_t t = 0; t < a.bars; ++t) {
    CHECK(a.returns[t] == b.returns[t]);
    CHECK(a.equity[t] == b.equity[t]);
    CHECK(a.drawdown[t] == b.drawdown[t]);
    CHECK(a.turnover[t] == b.turnover[t]);
    CHECK(a.gross[t] == b.gross[t]);
  }
}

}  // namespace

TEST_CASE("research: rebuilding every period in order gives back the backtest and its metrics") {
  const BacktestResult original = sample_backtest();
  const PeriodRows rows = period_rows(original);
  REQUIRE(rows.periods() == 5);
  const BacktestResult rebuilt = rebuild_backtest(rows, identity(5));
  check_same_rows(original, rebuilt);
  const BacktestSettings s{10.0, 0.02, 252};
  const auto m0 = compute_metrics(original, s).items(), m1 = compute_metrics(rebuilt, s).items();
  for (std::size_t i = 0; i < m0.size(); ++i) CHECK_MESSAGE(m0[i].second == m1[i].second, m0[i].first);
}

TEST_CASE("research: a resample keeps each period's return, book and trade together") {
  const BacktestResult original = sample_backtest();
  const PeriodRows rows = period_rows(original);
  const std::vector<std::size_t> idx = {3, 3, 0};
  const BacktestResult r = rebuild_backtest(rows, idx);
  REQUIRE(r.bars == 4);
  CHECK(r.returns[0] == 0);
  CHECK(r.returns[1] == original.returns[4]);
  CHECK(r.gross[0] == original.gross[3]);
  CHECK(r.turnover[0] == original.turnover[3]);
  CHECK(r.returns[3] == original.returns[1]);
  CHECK(r.turnover[3] == original.turnover[5]);  // the last bar's trade stays last
  CHECK(r.equity[3] ==
        doctest::Approx((1 + original.returns[4]) * (1 + original.returns[4]) * (1 + original.returns[1])));
  CHECK_THROWS_AS(rebuild_backtest(rows, std::vector<std::size_t>{5}), std::out_of_range);
}

TEST_CASE("research: restricting to some bars compounds the skipped ones") {
  const BacktestResult original = sample_backtest();
  check_same_rows(original, restrict_to_bars(original, identity(6)));

  const std::vector<std::size_t> kept = {1, 3, 4};
  const BacktestResult r = restrict_to_bars(original, kept);
  REQUIRE(r.bars == 3);
  CHECK(r.returns[0] == 0);
  CHECK(r.equity[0] == 1);
  CHECK(r.returns[1] == doctest::Approx((1 + original.returns[2]) * (1 + original.returns[3]) - 1));
  CHECK(r.equity[2] == doctest::Approx(original.equity[4] / original.equity[1]));
  CHECK(r.turnover[0] == doctest::Approx(original.turnover[1] + original.turnover[2]));
  CHECK(r.gross[1] == original.gross[3]);
  CHECK_THROWS_AS(restrict_to_bars(original, std::vector<std::size_t>{3, 1}), std::invalid_argument);
  CHECK_THROWS_AS(restrict_to_bars(original, std::vector<std::size_t>{6}), std::invalid_argument);
}
