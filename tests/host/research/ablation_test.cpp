#include "host/research/ablation.hpp"

#include "host/research/backtest_rows.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

// A backtest holding a gross book of 1 that earns `returns` period by period.
BacktestResult from_returns(const std::vector<double>& returns) {
  PeriodRows rows;
  rows.returns = returns;
  rows.turnover.assign(returns.size(), 0.1);
  rows.gross.assign(returns.size(), 1.0);
  std::vector<std::size_t> idx(returns.size());
  std::iota(idx.begin(), idx.end(), 0);
  return rebuild_backtest(rows, idx);
}

std::vector<double> noise(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> d(0.0003, 0.01);
  std::vector<double> r(n);
  for (auto& x : r) x = d(rng);
  return r;
}

BootstrapSettings settings(std::size_t resamples = 300) {
  BootstrapSettings b;
  b.resamples = resamples;
  b.mean_block_length = 5;
  b.seed = 7;
  return b;
}

const BacktestSettings kDaily{0.0, 0.0, 252};

}  // namespace

TEST_CASE("research: identical runs change nothing, with an interval of exactly 0") {
  const BacktestResult run = from_returns(noise(500, 1));
  const auto deltas = metric_deltas(run, run, kDaily, settings());
  REQUIRE(deltas.size() == 10);
  CHECK(deltas.front().metric == "total_return");
  for (const auto& d : deltas) {
    INFO(d.metric);
    CHECK(d.delta == 0);
    CHECK(d.low == 0);
    CHECK(d.high == 0);
    CHECK(d.std_error == 0);
  }
  CHECK(find_delta(deltas, "sharpe").replicates == 300);
  CHECK(module_effect(find_delta(deltas, "sharpe").low, find_delta(deltas, "sharpe").high) ==
        Effect::NoSignificantEffect);
}

TEST_CASE("research: a constant extra return per period is a significant Sharpe gain") {
  const std::vector<double> base = noise(1000, 2);
  std::vector<double> better = base;
  for (auto& r : better) r += 0.002;
  const auto deltas = metric_deltas(from_returns(base), from_returns(better), kDaily, settings());
  const MetricDelta& sharpe = find_delta(deltas, "sharpe");
  // The volatility is unchanged, so the Sharpe gain is 0.002 / sd * sqrt(252) on the data.
  CHECK(sharpe.delta > 2.5);
  CHECK(sharpe.low > 0);
  CHECK(sharpe.low <= sharpe.delta);
  CHECK(sharpe.high >= sharpe.delta);
  CHECK(find_delta(deltas, "ann_volatility").delta == doctest::Approx(0).epsilon(1e-12).scale(1));
  CHECK(find_delta(deltas, "total_return").low > 0);
  // As the "with" run it helps; seen from the other side (without it), it hurts.
  CHECK(module_effect(sharpe.low, sharpe.high) == Effect::Helps);
  CHECK(module_effect(-sharpe.high, -sharpe.low) == Effect::Hurts);
}

TEST_CASE("research: the metric deltas are deterministic for a seed") {
  const BacktestResult a = from_returns(noise(300, 3)), b = from_returns(noise(300, 4));
  const auto d1 = metric_deltas(a, b, kDaily, settings(100)), d2 = metric_deltas(a, b, kDaily, settings(100));
  for (std::size_t i = 0; i < d1.size(); ++i) {
    CHECK(d1[i].low == d2[i].low);
    CHECK(d1[i].high == d2[i].high);
  }
}

TEST_CASE("research: a flat book counts as Sharpe 0 and an undefined metric has no interval") {
  const BacktestResult flat = from_returns(std::vector<double>(200, 0.0));
  const BacktestResult moving = from_returns(noise(200, 5));
  const auto deltas = metric_deltas(flat, moving, kDaily, settings(50));
  // Sharpe: cash is 0, not undefined, so the change is the moving run's Sharpe.
  const MetricDelta& sharpe = find_delta(deltas, "sharpe");
  CHECK(sharpe.baseline == 0);
  CHECK(sharpe.delta == doctest::Approx(compute_metrics(moving, kDaily).sharpe));
  CHECK(sharpe.replicates == 50);
  // Calmar has no drawdown to divide by in the flat run: undefined in every resample.
  const MetricDelta& calmar = find_delta(deltas, "calmar");
  CHECK(std::isnan(calmar.delta));
  CHECK(std::isnan(calmar.low));
  CHECK(std::isnan(calmar.std_error));
  CHECK(calmar.replicates == 0);
  CHECK(find_delta(deltas, "turnover").replicates == 50);  // defined metrics still get one
  CHECK(module_effect(calmar.low, calmar.high) == Effect::Undetermined);
  CHECK(std::string(effect_name(Effect::Undetermined)) == "undetermined");
}

TEST_CASE("research: metric deltas refuse runs of different lengths and bad settings") {
  const BacktestResult a = from_returns(noise(100, 6)), b = from_returns(noise(101, 6));
  CHECK_THROWS_AS(metric_deltas(a, b, kDaily, settings()), std::invalid_argument);
  BootstrapSettings bad = settings();
  bad.mean_block_length = 0.5;
  CHECK_THROWS_AS(metric_deltas(a, a, kDaily, bad), std::invalid_argument);
  CHECK_THROWS_AS(find_delta(metric_deltas(a, a, kDaily, settings(10)), "alpha"), std::out_of_range);
}

TEST_CASE("research: the default mean block length is the cube root of the periods") {
  CHECK(default_mean_block_length(2215) == 13);
  CHECK(default_mean_block_length(1000) == 10);
  CHECK(default_mean_block_length(1) == 1);
  CHECK(default_mean_block_length(0) == 1);
}

TEST_CASE("research: the verdict ignores intervals that miss 0 by rounding only") {
  CHECK(module_effect(2e-16, 6e-16) == Effect::NoSignificantEffect);
  CHECK(module_effect(-6e-16, -2e-16) == Effect::NoSignificantEffect);
  CHECK(module_effect(0.01, 0.3) == Effect::Helps);
  CHECK(module_effect(-0.3, -0.01) == Effect::Hurts);
  CHECK(module_effect(-0.3, 0.01) == Effect::NoSignificantEffect);
}
