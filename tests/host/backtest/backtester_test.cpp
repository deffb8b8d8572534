// Backtester (behind run_backtest) and compute_metrics against the plain bar-at-a-time
// definitions in reference_backtest.hpp: the same bits on random data with missing prices,
// missing decisions, shorts and costs; and a Backtester reused across runs stays exact.
#include "reference_backtest.hpp"

#include "host/backtest/evaluator.hpp"
#include "host/backtest/metrics.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <stdexcept>
#include <vector>

using namespace mosaic::host;

namespace {

struct Market {
  size_t bars, assets;
  std::vector<double> close, weights, open;
  BacktestInput input() const { return {bars, assets, close, weights, open}; }
};

// Random walks with gaps (some assets start late), weights that hold, flip, go short, carry
// NaN decisions and sit on exactly 0, so every branch of the rules is taken. Without gaps
// every asset has a price and a decision on every bar (the backtest's independent-bar path).
// Opens sit near the close before them, with gaps of their own.
Market random_market(size_t bars, size_t assets, uint64_t seed, bool gaps = true) {
  std::mt19937_64 rng(seed), open_rng(seed + 1);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Market m{bars, assets, std::vector<double>(bars * assets), std::vector<double>(bars * assets),
           std::vector<double>(bars * assets)};
  for (size_t a = 0; a < assets; ++a) {
    double price = 50.0 + 10.0 * static_cast<double>(a);
    const size_t start = gaps && a % 3 == 2 ? bars / 4 : 0;
    double w = 0.0;
    for (size_t t = 0; t < bars; ++t) {
      price *= 1.0 + 0.02 * (u(rng) - 0.5);
      const size_t i = a * bars + t;
      m.open[i] = (t < start || (gaps && u(open_rng) < 0.05)) ? NAN : price * (1.0 + 0.01 * (u(open_rng) - 0.5));
      m.close[i] = (t < start || (gaps && u(rng) < 0.05)) ? NAN : price;
      const double r = u(rng);
      if (r < 0.1) w = 0.0;
      else if (r < 0.2) w = u(rng) * 2.0 - 1.0;
      else if (r < 0.25) w = 1.0 / 3.0;
      m.weights[i] = gaps && u(rng) < 0.05 ? NAN : w;
    }
  }
  return m;
}

uint64_t bits(double x) { return std::bit_cast<uint64_t>(x); }

size_t differences(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return a.size() + b.size() + 1;
  size_t d = 0;
  for (size_t i = 0; i < a.size(); ++i) d += bits(a[i]) != bits(b[i]) ? 1 : 0;
  return d;
}

void check_same(const BacktestResult& got, const BacktestResult& want) {
  CHECK(got.bars == want.bars);
  CHECK(got.assets == want.assets);
  CHECK(differences(got.held, want.held) == 0);
  CHECK(differences(got.returns, want.returns) == 0);
  CHECK(differences(got.equity, want.equity) == 0);
  CHECK(differences(got.drawdown, want.drawdown) == 0);
  CHECK(differences(got.turnover, want.turnover) == 0);
  CHECK(differences(got.gross, want.gross) == 0);
}

void check_same(const Metrics& got, const Metrics& want) {
  const auto g = got.items(), w = want.items();
  REQUIRE(g.size() == w.size());
  for (size_t k = 0; k < g.size(); ++k) {
    CAPTURE(g[k].first);
    CHECK(bits(g[k].second) == bits(w[k].second));
  }
  CHECK(got.periods == want.periods);
}

// The base settings at every timing worth telling apart: the default (delay 0 at the close),
// delays at the close, fills at the open with and without a delay, a delay longer than any
// market here (nothing is ever filled), and slippage beside the commission.
std::vector<BacktestSettings> timings(const BacktestSettings& base) {
  std::vector<BacktestSettings> all;
  for (const auto& [delay, fill] : std::vector<std::pair<size_t, Fill>>{{0, Fill::Close},
                                                                        {1, Fill::Close},
                                                                        {3, Fill::Close},
                                                                        {0, Fill::NextOpen},
                                                                        {2, Fill::NextOpen},
                                                                        {1000, Fill::Close},
                                                                        {1000, Fill::NextOpen}}) {
    BacktestSettings s = base;
    s.delay = delay;
    s.fill = fill;
    all.push_back(s);
  }
  BacktestSettings slipping = base;
  slipping.slippage_bps = 4.5;
  slipping.fill = Fill::NextOpen;
  all.push_back(slipping);
  slipping.fill = Fill::Close;
  slipping.delay = 2;
  all.push_back(slipping);
  return all;
}

}  // namespace

TEST_CASE("backtester: the same bits as the bar-at-a-time definition, on random markets") {
  for (size_t assets : {size_t{1}, size_t{2}, size_t{5}})
    for (size_t bars : {size_t{0}, size_t{1}, size_t{2}, size_t{17}, size_t{400}})
      for (double cost : {0.0, 7.5}) {
        CAPTURE(assets);
        CAPTURE(bars);
        CAPTURE(cost);
        const Market m = random_market(bars, assets, 1000 * assets + bars);
        const BacktestInput in{bars, assets, m.close, m.weights};
        const BacktestSettings settings{cost, 0.02, 252};
        const BacktestResult got = run_backtest(in, settings), want = reference::backtest(in, settings);
        check_same(got, want);
        check_same(compute_metrics(got, settings), reference::metrics(want, settings));
      }
}

TEST_CASE("backtester: delays, fills at the open and slippage give the bar-at-a-time definition's bits") {
  for (size_t assets : {size_t{1}, size_t{2}, size_t{5}})
    for (size_t bars : {size_t{0}, size_t{1}, size_t{2}, size_t{17}, size_t{400}})
      for (bool gaps : {true, false})
        for (const BacktestSettings& settings : timings({7.5, 0.02, 252})) {
          CAPTURE(assets);
          CAPTURE(bars);
          CAPTURE(gaps);
          CAPTURE(settings.delay);
          CAPTURE(fill_name(settings.fill));
          CAPTURE(settings.slippage_bps);
          const Market m = random_market(bars, assets, 1000 * assets + bars + (gaps ? 0 : 1), gaps);
          const BacktestResult got = run_backtest(m.input(), settings), want = reference::backtest(m.input(), settings);
          check_same(got, want);
          check_same(compute_metrics(got, settings), reference::metrics(want, settings));
        }
}

TEST_CASE("backtester: slippage is charged as the commission is, and a delay is the decisions moved later") {
  const Market m = random_market(300, 3, 31);
  BacktestSettings split{3.0, 0.0, 252}, one{7.0, 0.0, 252};
  split.slippage_bps = 4.0;
  for (Fill fill : {Fill::Close, Fill::NextOpen}) {
    split.fill = one.fill = fill;
    check_same(run_backtest(m.input(), split), run_backtest(m.input(), one));
  }
  // delay = 2 on the decisions is delay = 0 on the decisions two bars later, NaN before.
  Market moved = m;
  for (size_t a = 0; a < m.assets; ++a)
    for (size_t t = 0; t < m.bars; ++t) moved.weights[a * m.bars + t] = t >= 2 ? m.weights[a * m.bars + t - 2] : NAN;
  for (Fill fill : {Fill::Close, Fill::NextOpen}) {
    BacktestSettings delayed{2.0, 0.0, 252}, moved_now{2.0, 0.0, 252};
    delayed.delay = 2;
    delayed.fill = moved_now.fill = fill;
    check_same(run_backtest(m.input(), delayed), run_backtest(moved.input(), moved_now));
  }
}

TEST_CASE("backtester: no look-ahead, and a delay holds a decision's effect off for its bars") {
  // Bars <= cut of every series, and the weights held, as bits.
  auto same_up_to = [](const BacktestResult& a, const BacktestResult& b, size_t cut) {
    size_t changed = 0;
    for (const auto series : {&BacktestResult::returns, &BacktestResult::equity, &BacktestResult::drawdown,
                               &BacktestResult::turnover, &BacktestResult::gross})
      for (size_t t = 0; t <= cut; ++t) changed += bits((a.*series)[t]) != bits((b.*series)[t]) ? 1 : 0;
    for (size_t k = 0; k < a.assets; ++k)
      for (size_t t = 0; t <= cut; ++t) changed += bits(a.held[k * a.bars + t]) != bits(b.held[k * a.bars + t]);
    return changed == 0;
  };
  const Market m = random_market(200, 3, 41);
  for (const BacktestSettings& settings : timings({4.0, 0.0, 252})) {
    CAPTURE(settings.delay);
    CAPTURE(fill_name(settings.fill));
    const BacktestResult base = run_backtest(m.input(), settings);
    for (size_t cut : {size_t(20), size_t(100), size_t(150)}) {
      CAPTURE(cut);
      // Other prices, opens and decisions after the cut: nothing up to it moves.
      Market other = m;
      for (size_t a = 0; a < m.assets; ++a)
        for (size_t t = cut + 1; t < m.bars; ++t) {
          const size_t i = a * m.bars + t;
          other.close[i] *= 1.5;
          other.open[i] *= 0.7;
          other.weights[i] = -other.weights[i] + 0.25;
        }
      CHECK(same_up_to(base, run_backtest(other.input(), settings), cut));
      // Other decisions only, from the bar after the cut: held weights move at the close of
      // cut + 1 + delay at the earliest (one bar later at the open), returns after that close.
      Market decided = m;
      for (size_t a = 0; a < m.assets; ++a)
        for (size_t t = cut + 1; t < m.bars; ++t) decided.weights[a * m.bars + t] = 0.5 - m.weights[a * m.bars + t];
      const size_t first_held = cut + 1 + settings.delay + (settings.fill == Fill::NextOpen ? 1 : 0);
      const BacktestResult later = run_backtest(decided.input(), settings);
      if (first_held < m.bars) {
        CHECK(same_up_to(base, later, first_held - 1));
        CHECK_FALSE(same_up_to(base, later, first_held));
      } else {
        CHECK(same_up_to(base, later, m.bars - 1));
      }
      const size_t last_same_return = std::min(cut + 1 + settings.delay, m.bars - 1);
      for (size_t t = 0; t <= last_same_return; ++t) CHECK(bits(later.returns[t]) == bits(base.returns[t]));
    }
  }
}

TEST_CASE("backtester: assets priced and decided on every bar, alone or beside gapped ones, are exact too") {
  auto check = [](const Market& m, double cost) {
    const BacktestInput in{m.bars, m.assets, m.close, m.weights};
    const BacktestSettings settings{cost, 0.01, 252};
    const BacktestResult got = run_backtest(in, settings), want = reference::backtest(in, settings);
    check_same(got, want);
    check_same(compute_metrics(got, settings), reference::metrics(want, settings));
    Backtester::Series series;
    const Metrics measured = Backtester(m.bars, m.assets, m.close).measure(m.weights, settings, series);
    check_same(measured, compute_metrics(got, settings));
  };
  for (size_t assets : {size_t{1}, size_t{2}, size_t{4}})
    for (double cost : {0.0, 3.0}) {
      CAPTURE(assets);
      check(random_market(300, assets, 500 + assets, false), cost);
    }
  // Complete and gapped assets side by side, in both orders (the first asset writes the sums).
  Market mixed = random_market(300, 2, 21, false);
  const Market gapped = random_market(300, 2, 22, true);
  for (size_t t = 0; t < 300; ++t) {
    mixed.close[300 + t] = gapped.close[t];
    mixed.weights[300 + t] = gapped.weights[t];
  }
  check(mixed, 2.0);
  Market swapped = mixed;
  std::swap_ranges(swapped.close.begin(), swapped.close.begin() + 300, swapped.close.begin() + 300);
  std::swap_ranges(swapped.weights.begin(), swapped.weights.begin() + 300, swapped.weights.begin() + 300);
  check(swapped, 2.0);
  // A zero price makes the next move infinite; held weights of exactly 0 must not turn it into NaN.
  Market zero = random_market(200, 1, 23, false);
  zero.close[50] = 0.0;
  for (size_t t = 45; t < 60; ++t) zero.weights[t] = t < 52 ? 0.0 : 0.5;
  check(zero, 0.0);
}

TEST_CASE("backtester: reused for many weight matrices, each run is exact and leaves nothing behind") {
  const Market m = random_market(300, 3, 7);
  const Backtester backtester(300, 3, m.close);
  BacktestResult reused;
  for (uint64_t seed : {11, 12, 13}) {
    const Market other = random_market(300, 3, seed);  // new weights on the same prices
    const BacktestSettings settings{static_cast<double>(seed), 0.0, 252};
    backtester.run(other.weights, settings, reused);
    check_same(reused, reference::backtest({300, 3, m.close, other.weights}, settings));
  }
}

TEST_CASE("backtester: measure gives compute_metrics of the full run, bit for bit, and the same returns") {
  auto check_measure = [](const Market& m, const BacktestSettings& settings) {
    const Backtester backtester(m.bars, m.assets, m.close, m.open);
    BacktestResult full;
    backtester.run(m.weights, settings, full);
    Backtester::Series series;
    const Metrics measured = backtester.measure(m.weights, settings, series);
    check_same(measured, compute_metrics(full, settings));
    CHECK(bits(measured.sharpe_per_period) == bits(compute_metrics(full, settings).sharpe_per_period));
    CHECK(differences(series.returns, full.returns) == 0);
    return full;
  };
  for (size_t assets : {size_t{0}, size_t{1}, size_t{3}})
    for (size_t bars : {size_t{0}, size_t{1}, size_t{2}, size_t{17}, size_t{400}})
      for (const BacktestSettings& settings : timings({2.5, 0.01, 252})) {
        CAPTURE(assets);
        CAPTURE(bars);
        CAPTURE(settings.delay);
        CAPTURE(fill_name(settings.fill));
        check_measure(random_market(bars, assets, 77 * assets + bars), settings);
      }
  SUBCASE("leverage that takes equity below zero and back, and new peaks after deep drawdowns") {
    Market m = random_market(300, 2, 5);
    for (double& w : m.weights) w *= 150.0;  // NaN decisions stay NaN
    const BacktestResult full = check_measure(m, {0.0, 0.0, 252});
    CHECK(*std::min_element(full.equity.begin(), full.equity.end()) < 0.0);
  }
  SUBCASE("a zero price: infinite moves and NaN equity") {
    Market m = random_market(120, 1, 9);
    m.close[40] = 0.0;
    m.open[60] = 0.0;
    for (double& w : m.weights) w = 1.0;
    for (const BacktestSettings& settings : timings({0.0, 0.0, 252})) {
      const BacktestResult full = check_measure(m, settings);
      if (settings.delay < m.bars) CHECK(std::isnan(full.equity.back()));  // else nothing was ever held
    }
  }
  SUBCASE("leverage below zero equity with a delay and at the open") {
    Market m = random_market(300, 2, 6);
    for (double& w : m.weights) w *= 150.0;
    for (const BacktestSettings& settings : timings({0.0, 0.0, 252})) check_measure(m, settings);
  }
}

// Each setting as given, and again with no costs and no risk-free rate (measure_lanes keeps
// one sum fewer without a rate).
std::vector<BacktestSettings> with_and_without_rates(std::vector<BacktestSettings> all) {
  const size_t n = all.size();
  for (size_t i = 0; i < n; ++i) {
    BacktestSettings s = all[i];
    s.cost_bps = 0.0;
    s.slippage_bps = 0.0;
    s.risk_free_rate = 0.0;
    all.push_back(s);
  }
  return all;
}

TEST_CASE("backtester: measure_lanes gives each run measure()'s metrics and returns, bit for bit") {
  // One to four runs on the same prices: different weights (seeds), gaps or none, leverage
  // that takes equity below zero, and every timing at the close.
  for (size_t assets : {size_t{0}, size_t{1}, size_t{3}})
    for (size_t bars : {size_t{0}, size_t{1}, size_t{2}, size_t{17}, size_t{400}})
      for (bool gaps : {true, false})
        for (const BacktestSettings& settings : with_and_without_rates(timings({2.5, 0.01, 252}))) {
          if (settings.fill != Fill::Close) continue;
          CAPTURE(settings.risk_free_rate);
          CAPTURE(assets);
          CAPTURE(bars);
          CAPTURE(gaps);
          CAPTURE(settings.delay);
          CAPTURE(settings.slippage_bps);
          const Market prices = random_market(bars, assets, 31 * assets + bars, gaps);
          const Backtester backtester(bars, assets, prices.close);
          std::vector<std::vector<double>> weights;
          for (uint64_t seed = 0; seed < Backtester::kLanes; ++seed) {
            weights.push_back(random_market(bars, assets, 500 + seed, gaps).weights);
            if (seed == 2)
              for (double& w : weights.back()) w *= 150.0;
          }
          for (size_t runs = 1; runs <= Backtester::kLanes; ++runs) {
            CAPTURE(runs);
            std::vector<std::span<const double>> given(weights.begin(), weights.begin() + static_cast<long>(runs));
            Backtester::LaneSeries lanes;
            std::vector<Metrics> got(runs);
            backtester.measure_lanes(given, settings, lanes, got.data());
            for (size_t k = 0; k < runs; ++k) {
              CAPTURE(k);
              Backtester::Series alone;
              check_same(got[k], backtester.measure(given[k], settings, alone));
              CHECK(bits(got[k].sharpe_per_period) == bits(backtester.measure(given[k], settings, alone).sharpe_per_period));
              size_t differ = 0;
              for (size_t t = 1; t < bars; ++t)
                differ += bits(lanes.returns[t * Backtester::kLanes + k]) != bits(alone.returns[t]) ? 1 : 0;
              CHECK(differ == 0);
            }
          }
        }
}

TEST_CASE("backtester: measure_lanes refuses a fill at the open, no runs, and more runs than lanes") {
  const std::vector<double> close(6, 1.0), weights(6, 1.0);
  const Backtester b(6, 1, close, close);
  Backtester::LaneSeries lanes;
  Metrics out[5];
  BacktestSettings at_open;
  at_open.fill = Fill::NextOpen;
  const std::vector<std::span<const double>> one{weights}, five(5, std::span<const double>(weights));
  CHECK_THROWS_AS(b.measure_lanes(one, at_open, lanes, out), std::invalid_argument);
  CHECK_THROWS_AS(b.measure_lanes({}, {}, lanes, out), std::invalid_argument);
  CHECK_THROWS_AS(b.measure_lanes(five, {}, lanes, out), std::invalid_argument);
  CHECK_NOTHROW(b.measure_lanes(one, {}, lanes, out));
}

TEST_CASE("backtester: prices and weights of the wrong size are refused, and a fill at the open without opens") {
  const std::vector<double> close(6, 1.0), weights(5, 1.0), open(5, 1.0);
  CHECK_THROWS_AS(Backtester(3, 1, close), std::invalid_argument);
  CHECK_THROWS_AS(Backtester(3, 2, close, open), std::invalid_argument);
  const Backtester b(3, 2, close);
  BacktestResult r;
  CHECK_THROWS_AS(b.run(weights, {}, r), std::invalid_argument);
  Backtester::Series series;
  CHECK_THROWS_AS(b.measure(weights, {}, series), std::invalid_argument);
  BacktestSettings at_open;
  at_open.fill = Fill::NextOpen;
  const std::vector<double> six(6, 1.0);
  CHECK_FALSE(b.has_open());
  CHECK_THROWS_AS(b.run(six, at_open, r), std::invalid_argument);
  CHECK_THROWS_AS(b.measure(six, at_open, series), std::invalid_argument);
  CHECK_NOTHROW(b.run(six, {}, r));
}

TEST_CASE("metrics: sharpe_per_period is mean over sample sd, NaN without variance or with one period") {
  BacktestResult r = run_backtest({4, 1, std::vector<double>{100, 110, 99, 99}, std::vector<double>(4, 1.0)}, {});
  const Metrics m = compute_metrics(r, {});
  const double a = 0.1, b = 99.0 / 110.0 - 1.0, c = 0.0;
  const double mean = (a + b + c) / 3;
  const double sd = std::sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean) + (c - mean) * (c - mean)) / 2);
  CHECK(m.sharpe_per_period == doctest::Approx(mean / sd));
  const std::vector<double> flat_close{1, 1, 1}, rising{1, 2}, held(3, 1.0);
  const Metrics flat = compute_metrics(run_backtest({3, 1, flat_close, held}, {}), {});
  CHECK(std::isnan(flat.sharpe_per_period));
  const Metrics one = compute_metrics(run_backtest({2, 1, rising, std::span<const double>(held).first(2)}, {}), {});
  CHECK(std::isnan(one.sharpe_per_period));
}
