// The rules that turn indicators into the module's score in [-1, 1]:
//   trend          fast/slow moving-average spread, relative to the slow average ("scaled"),
//                  or just its sign ("sign"), after the tie rule below
//   mean reversion RSI distance from 50, and Bollinger %b distance from the middle band
//   momentum       rate of change
// blended with non-negative weights. A bar whose weighted components are not all known
// (warm-up, missing price) scores NaN rather than a biased partial blend.
#pragma once

#include "indicator_memo.hpp"
#include "kept_series.hpp"

#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace mosaic::technical {

// How the trend spread becomes a score: scaled by trend_scale and clipped, or its sign alone
// (+1, 0, -1: a pure crossover rule).
enum class TrendMode { Scaled, Sign };

struct SignalRules {
  int fast = 10;
  int slow = 50;
  bool ema_trend = false;  // trend averages: EMA instead of SMA
  TrendMode trend_mode = TrendMode::Scaled;
  int rsi_period = 14;
  int bb_period = 20;
  double bb_k = 2.0;
  int roc_period = 20;
  double w_trend = 1.0;
  double w_meanrev = 0.5;
  double w_momentum = 0.5;
  double trend_scale = 0.05;     // a spread of this fraction of the slow average scores +-1
  double momentum_scale = 0.10;  // a rate of change of this size scores +-1

  // Throws std::invalid_argument when the combination is unusable (fast >= slow, all
  // weights zero).
  void check() const;
};

// Clips to [-1, 1] and lets NaN through (both comparisons are false for NaN). Branch-free,
// so the per-bar loops below vectorise.
inline double clip1(double x) { return x < -1.0 ? -1.0 : (x > 1.0 ? 1.0 : x); }

// The tie rule: the trend spread fast - slow counts as zero unless
//     |fast - slow| > 1e-12 * |slow|.
// Prices in whole cents make the two averages exactly equal now and then (ttrc, fast 10 /
// slow 50: 1991-03-26 and 1993-02-05; 976 bars over the fast 2..50, slow 10..200 grid). The
// computed difference is then a few roundings of noise whose sign depends on summation order,
// and a long-only book would go all in on a +1e-16 spread. The band is wide enough for any
// summation order (the SMA is within ~1e-15 relative of exact, sma.hpp) and narrow enough to
// keep every genuine spread: two cent-priced averages that differ do so by at least
// 1 / (fast * slow) cents, above the band for fast * slow < 40,000 (every allowed pair) at
// prices up to $250,000.
inline constexpr double kTrendTieTolerance = 1e-12;

// fast_ma - slow_ma, or exactly 0 inside the tie band; NaN when either is unknown (the `<=`
// is false for NaN, which then flows through the difference).
inline double trend_spread(double fast_ma, double slow_ma) {
  const double d = fast_ma - slow_ma;
  return std::fabs(d) <= kTrendTieTolerance * std::fabs(slow_ma) ? 0.0 : d;
}

// Per-component scores in [-1, 1], each NaN where an input is unknown. Scales come in as
// reciprocals: the per-bar loops then multiply instead of divide.
inline double trend_score(double fast_ma, double slow_ma, double inv_scale) {
  return clip1(trend_spread(fast_ma, slow_ma) * inv_scale / std::fabs(slow_ma));
}
// +1, -1, exactly 0 on a tie, or NaN.
inline double trend_sign(double fast_ma, double slow_ma) {
  const double d = trend_spread(fast_ma, slow_ma);
  return d > 0.0 ? 1.0 : (d < 0.0 ? -1.0 : d);
}
// Oversold (low RSI, close under the lower band) scores positive: expect a bounce.
inline double meanrev_score(double rsi, double pct_b) {
  return 0.5 * clip1((50.0 - rsi) * 0.02) + 0.5 * clip1(1.0 - 2.0 * pct_b);
}
inline double momentum_score(double roc, double inv_scale) { return clip1(roc * inv_scale); }

// Buffers for the indicator series the rules read; owned by the caller (a module instance)
// so a warm instance does not allocate.
struct SignalScratch {
  std::vector<double> fast, slow, rsi, lower, middle, upper, pctb, roc;
};

// Computes the blended score of one asset's closes into `out` (same size). Indicators
// found in `memo` (computed on the same closes in this call) are reused rather than
// recomputed; with `kept`, so are those kept from earlier calls for asset `asset`, and new
// ones are kept there.
void score_series(const SignalRules& rules, std::span<const double> close, std::span<double> out,
                  SignalScratch& scratch, const IndicatorMemo& memo = {}, KeptSeries* kept = nullptr,
                  std::size_t asset = 0);

}  // namespace mosaic::technical
