// The rules that turn indicators into the module's score in [-1, 1]:
//   trend          fast/slow moving-average spread, relative to the slow average
//   mean reversion RSI distance from 50, and Bollinger %b distance from the middle band
//   momentum       rate of change
// blended with non-negative weights. A bar whose weighted components are not all known
// (warm-up, missing price) scores NaN rather than a biased partial blend.
#pragma once

#include "indicator_memo.hpp"

#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace mosaic::technical {

struct SignalRules {
  int fast = 10;
  int slow = 50;
  bool ema_trend = false;  // trend averages: EMA instead of SMA
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

// Per-component scores in [-1, 1], each NaN where an input is unknown. Scales come in as
// reciprocals: the per-bar loops then multiply instead of divide.
inline double trend_score(double fast_ma, double slow_ma, double inv_scale) {
  return clip1((fast_ma - slow_ma) * inv_scale / std::fabs(slow_ma));
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
// found in `memo` (computed on the same closes) are reused rather than recomputed.
void score_series(const SignalRules& rules, std::span<const double> close, std::span<double> out,
                  SignalScratch& scratch, const IndicatorMemo& memo = {});

}  // namespace mosaic::technical
