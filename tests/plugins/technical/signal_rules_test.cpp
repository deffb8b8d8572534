#include "indicators/bollinger.hpp"
#include "indicators/roc.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "signal_rules.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

using namespace mosaic::technical;

namespace {

// A gently trending, oscillating price series long enough for every rule to warm up.
std::vector<double> prices(size_t n) {
  std::vector<double> x(n);
  for (size_t i = 0; i < n; ++i) x[i] = 100.0 + 0.2 * double(i) + 3.0 * std::sin(double(i) / 4.0);
  return x;
}

SignalRules small_rules() {
  SignalRules r;
  r.fast = 3;
  r.slow = 8;
  r.rsi_period = 5;
  r.bb_period = 6;
  r.roc_period = 4;
  return r;
}

}  // namespace

TEST_CASE("signal: each bar is the weighted blend of the three rule scores") {
  const auto x = prices(40);
  SignalRules r = small_rules();
  r.w_trend = 0.6;
  r.w_meanrev = 0.3;
  r.w_momentum = 0.1;
  std::vector<double> out(x.size()), fast(x.size()), slow(x.size()), rs(x.size()), lo(x.size()), mid(x.size()),
      up(x.size()), pb(x.size()), rc(x.size());
  SignalScratch scratch;
  score_series(r, x, out, scratch);
  sma(x, 3, fast);
  sma(x, 8, slow);
  rsi(x, 5, rs);
  bollinger(x, 6, r.bb_k, lo, mid, up, pb);
  roc(x, 4, rc);
  for (size_t t = 0; t < x.size(); ++t) {
    CAPTURE(t);
    const double expected = (0.6 * trend_score(fast[t], slow[t], 1 / r.trend_scale) +
                             0.3 * meanrev_score(rs[t], pb[t]) + 0.1 * momentum_score(rc[t], 1 / r.momentum_scale)) /
                            1.0;
    if (std::isnan(expected)) {
      CHECK(std::isnan(out[t]));
    } else {
      CHECK(out[t] == doctest::Approx(expected).epsilon(1e-12));
      CHECK(std::fabs(out[t]) <= 1.0);
    }
  }
  // Warm-up: the slow average is the last rule to start (index slow - 1 = 7).
  for (size_t t = 0; t < 7; ++t) CHECK(std::isnan(out[t]));
  CHECK_FALSE(std::isnan(out[7]));
}

TEST_CASE("signal: a missing close scores NaN at that bar, never zero") {
  auto x = prices(40);
  x[20] = std::nan("");
  std::vector<double> out(x.size());
  SignalScratch scratch;
  score_series(small_rules(), x, out, scratch);
  CHECK(std::isnan(out[20]));
  CHECK_FALSE(std::isnan(out[19]));
  CHECK_FALSE(std::isnan(out[21]));  // indicators carry their state across the gap
}

TEST_CASE("signal: only the weighted rules count") {
  const auto x = prices(30);
  SignalRules r = small_rules();
  r.w_trend = 0;
  r.w_meanrev = 0;
  r.w_momentum = 1;
  r.momentum_scale = 0.01;
  std::vector<double> out(x.size()), rc(x.size());
  SignalScratch scratch;
  score_series(r, x, out, scratch);
  roc(x, 4, rc);
  for (size_t t = 4; t < x.size(); ++t) CHECK(out[t] == doctest::Approx(std::clamp(rc[t] / 0.01, -1.0, 1.0)));
  CHECK(std::isnan(out[3]));  // only momentum's warm-up (4 bars) applies
}

TEST_CASE("signal: indicators reused from the memo give the same scores") {
  const auto x = prices(60);
  const SignalRules r = small_rules();
  std::vector<double> plain(x.size()), reused(x.size()), rs(x.size()), lo(x.size()), mid(x.size()), up(x.size()),
      pb(x.size());
  SignalScratch scratch;
  score_series(r, x, plain, scratch);
  rsi(x, 5, rs);
  bollinger(x, 6, r.bb_k, lo, mid, up, pb);
  IndicatorMemo memo;
  memo.remember(Indicator::Rsi, {5}, rs);
  memo.remember(Indicator::Bollinger, {6, r.bb_k}, pb);
  score_series(r, x, reused, scratch, memo);
  for (size_t t = 0; t < x.size(); ++t) {
    CAPTURE(t);
    CHECK(((std::isnan(plain[t]) && std::isnan(reused[t])) || plain[t] == reused[t]));
  }
  // A memo entry with other parameters is not used: poison it and nothing changes.
  std::vector<double> poison(x.size(), 1e9);
  IndicatorMemo other;
  other.remember(Indicator::Rsi, {7}, poison);
  score_series(r, x, reused, scratch, other);
  for (size_t t = 0; t < x.size(); ++t)
    CHECK(((std::isnan(plain[t]) && std::isnan(reused[t])) || plain[t] == reused[t]));
}

TEST_CASE("signal: unusable rule combinations are refused") {
  SignalRules r;
  r.fast = 50;
  r.slow = 50;
  CHECK_THROWS_WITH_AS(r.check(), "fast (50) must be below slow (50)", std::invalid_argument);
  r = SignalRules{};
  r.w_trend = r.w_meanrev = r.w_momentum = 0;
  CHECK_THROWS_AS(r.check(), std::invalid_argument);
  CHECK_NOTHROW(SignalRules{}.check());
}

TEST_CASE("trend: a spread within 1e-12 of the slow average is a tie and scores exactly 0") {
  // A long-only single-asset book turns any positive score into a full position, so rounding
  // noise of 1e-13 must not score at all, in either mode.
  const double inv = 1 / 0.05;
  for (double slow : {100.0, 0.37, -250.0}) {
    CAPTURE(slow);
    for (double rel : {1e-13, -1e-13, 9e-13, -9e-13, 0.0}) {
      CAPTURE(rel);
      const double fast = slow + rel * std::fabs(slow);
      CHECK(trend_spread(fast, slow) == 0.0);
      CHECK(trend_score(fast, slow, inv) == 0.0);
      CHECK(trend_sign(fast, slow) == 0.0);
    }
    const double up = slow + 1e-11 * std::fabs(slow), down = slow - 1e-11 * std::fabs(slow);
    CHECK(trend_score(up, slow, inv) > 0.0);
    CHECK(trend_score(down, slow, inv) < 0.0);
    CHECK(trend_sign(up, slow) == 1.0);
    CHECK(trend_sign(down, slow) == -1.0);
  }
  // Unknown stays unknown: a warm-up average is NaN, never a tie.
  CHECK(std::isnan(trend_sign(NAN, 100.0)));
  CHECK(std::isnan(trend_sign(100.0, NAN)));
  CHECK(std::isnan(trend_score(NAN, 100.0, inv)));
  CHECK(std::isnan(trend_score(100.0, NAN, inv)));
}

TEST_CASE("trend: sign mode scores the crossover as +1, 0 or -1") {
  const auto x = prices(60);
  SignalRules r = small_rules();
  r.trend_mode = TrendMode::Sign;
  r.w_trend = 1;
  r.w_meanrev = 0;
  r.w_momentum = 0;
  std::vector<double> out(x.size()), fast(x.size()), slow(x.size());
  SignalScratch scratch;
  score_series(r, x, out, scratch);
  sma(x, 3, fast);
  sma(x, 8, slow);
  size_t up = 0, down = 0;
  for (size_t t = 0; t < x.size(); ++t) {
    CAPTURE(t);
    if (t < 7) {
      CHECK(std::isnan(out[t]));
      continue;
    }
    CHECK(out[t] == (fast[t] > slow[t] ? 1.0 : -1.0));
    up += out[t] > 0 ? 1 : 0;
    down += out[t] < 0 ? 1 : 0;
  }
  CHECK(up > 0);
  CHECK(down > 0);
  // With other rules weighted in, the sign is blended like any component score.
  r.w_momentum = 1;
  score_series(r, x, out, scratch);
  std::vector<double> rc(x.size());
  roc(x, 4, rc);
  for (size_t t = 7; t < x.size(); ++t)
    CHECK(out[t] == doctest::Approx(0.5 * (fast[t] > slow[t] ? 1.0 : -1.0) + 0.5 * momentum_score(rc[t], 10.0)));
}

TEST_CASE("signal: rules with weight 0 are not computed at all") {
  const auto x = prices(60);
  SignalRules r = small_rules();
  r.w_meanrev = 0;
  r.w_momentum = 0;
  std::vector<double> out(x.size());
  SignalScratch scratch;
  score_series(r, x, out, scratch);
  CHECK(scratch.fast.size() == x.size());
  CHECK(scratch.slow.size() == x.size());
  for (const auto* unused : {&scratch.rsi, &scratch.lower, &scratch.middle, &scratch.upper, &scratch.pctb, &scratch.roc})
    CHECK(unused->empty());
}
