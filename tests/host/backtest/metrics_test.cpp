#include "host/backtest/metrics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace mosaic::host;

namespace {

// A result with the given per-period returns (returns[0] is the start), fully invested.
BacktestResult from_returns(const std::vector<double>& returns, std::vector<double> turnover = {}) {
  BacktestResult r;
  r.bars = returns.size();
  r.assets = 1;
  r.returns = returns;
  r.equity.assign(r.bars, 1.0);
  r.drawdown.assign(r.bars, 0.0);
  double peak = 1;
  for (size_t t = 1; t < r.bars; ++t) {
    r.equity[t] = r.equity[t - 1] * (1 + returns[t]);
    peak = std::max(peak, r.equity[t]);
    r.drawdown[t] = 1 - r.equity[t] / peak;
  }
  r.turnover = turnover.empty() ? std::vector<double>(r.bars, 0.0) : turnover;
  r.gross.assign(r.bars, 1.0);
  r.held.assign(r.bars, 1.0);
  return r;
}

}  // namespace

TEST_CASE("metrics against a hand computation") {
  // Returns 10%, -5%, 2%, 0% over four periods; 252 periods a year; rf 0.
  auto r = from_returns({0, 0.10, -0.05, 0.02, 0.0}, {1, 0, 0.5, 0, 0});
  Metrics m = compute_metrics(r, BacktestSettings{0, 0, 252});
  const double equity = 1.10 * 0.95 * 1.02;  // 1.0659
  CHECK(m.periods == 4);
  CHECK(m.total_return == doctest::Approx(equity - 1));
  CHECK(m.cagr == doctest::Approx(std::pow(equity, 252.0 / 4) - 1));
  // mean 0.0175; deviations 0.0825, -0.0675, 0.0025, -0.0175; squares 0.00680625,
  // 0.00455625, 0.00000625, 0.00030625, sum 0.011675;
  // sample variance 0.011675 / 3, sd 0.0623832...
  const double sd = std::sqrt(0.011675 / 3);
  CHECK(m.ann_volatility == doctest::Approx(sd * std::sqrt(252.0)));
  CHECK(m.sharpe == doctest::Approx(0.0175 / sd * std::sqrt(252.0)));
  // Downside deviation: sqrt((0.05^2) / 4) = 0.025.
  CHECK(m.sortino == doctest::Approx(0.0175 / 0.025 * std::sqrt(252.0)));
  // Peak 1.10, trough 1.045: drawdown 5%.
  CHECK(m.max_drawdown == doctest::Approx(0.05));
  CHECK(m.calmar == doctest::Approx(m.cagr / 0.05));
  // Turnover 1.5 over 4 periods, annualised: 1.5 / 4 * 252.
  CHECK(m.turnover == doctest::Approx(94.5));
  CHECK(m.hit_rate == doctest::Approx(2.0 / 4));  // 0% is not a win
  CHECK(m.exposure == doctest::Approx(1.0));
}

TEST_CASE("metrics: the risk-free rate is taken per period, compounded from the annual rate") {
  auto r = from_returns({0, 0.01, 0.0, 0.02, -0.01});
  Metrics m = compute_metrics(r, BacktestSettings{0, 0.05, 12});
  const double rf = std::pow(1.05, 1.0 / 12) - 1;
  const std::vector<double> e = {0.01 - rf, -rf, 0.02 - rf, -0.01 - rf};
  double mean = 0;
  for (double x : e) mean += x / 4;
  double ss = 0, down = 0;
  for (double x : e) {
    ss += (x - mean) * (x - mean);
    down += x < 0 ? x * x : 0;
  }
  CHECK(m.sharpe == doctest::Approx(mean / std::sqrt(ss / 3) * std::sqrt(12.0)));
  CHECK(m.sortino == doctest::Approx(mean / std::sqrt(down / 4) * std::sqrt(12.0)));
}

TEST_CASE("metrics: undefined figures are NaN, not zero") {
  auto flat = from_returns({0, 0, 0, 0});
  Metrics m = compute_metrics(flat, {});
  CHECK(m.total_return == 0);
  CHECK(std::isnan(m.sharpe));   // no variation
  CHECK(std::isnan(m.sortino));  // no downside
  CHECK(std::isnan(m.calmar));   // no drawdown
  Metrics single = compute_metrics(from_returns({0}), {});
  CHECK(single.periods == 0);
  CHECK(std::isnan(single.sharpe));
}
