// The rules that turn indicators into the module's score in [-1, 1]:
//   trend          fast/slow moving-average spread, relative to the slow average
//   mean reversion RSI distance from 50, and Bollinger %b distance from the middle band
//   momentum       rate of change
// blended with non-negative weights. A bar whose weighted components are not all known
// (warm-up, missing price) scores NaN rather than a biased partial blend.
#pragma once

#include <span>
#include <string>

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

// Per-component scores in [-1, 1], each NaN where unknown.
double trend_score(double fast_ma, double slow_ma, double scale);
double meanrev_score(double rsi, double pct_b);
double momentum_score(double roc, double scale);

// Computes the blended score of one asset's closes into `out` (same size).
void score_series(const SignalRules& rules, std::span<const double> close, std::span<double> out);

}  // namespace mosaic::technical
