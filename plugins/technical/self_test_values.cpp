#include "self_test_values.hpp"

#include "indicators/atr.hpp"
#include "indicators/bollinger.hpp"
#include "indicators/ema.hpp"
#include "indicators/macd.hpp"
#include "indicators/roc.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "indicators/zscore.hpp"
#include "signal_rules.hpp"

#include <mosaic/module.hpp>

#include <cmath>
#include <vector>

namespace mosaic::technical {

void run_self_test() {
  const double tol = 1e-12;
  const std::vector<double> x = {1, 2, 3, 4, 5};
  std::vector<double> o(x.size()), o2(x.size()), o3(x.size()), o4(x.size());

  // SMA(3): NaN, NaN, (1+2+3)/3 = 2, 3, 4.
  sma(x, 3, o);
  mosaic::expect_near(o[1], NAN, 0, "sma(3)[1] warm-up");
  mosaic::expect_near(o[2], 2.0, tol, "sma(3)[2]");
  mosaic::expect_near(o[4], 4.0, tol, "sma(3)[4]");

  // EMA(3), alpha 0.5, seeded with SMA = 2 at index 2: 0.5*4 + 0.5*2 = 3, then 4.
  ema(x, 3, o);
  mosaic::expect_near(o[2], 2.0, tol, "ema(3)[2]");
  mosaic::expect_near(o[3], 3.0, tol, "ema(3)[3]");
  mosaic::expect_near(o[4], 4.0, tol, "ema(3)[4]");

  // RSI(2) on 1, 2, 1, 2, 3: changes +1, -1, +1, +1. Seed at index 2: up 0.5, down 0.5 -> 50.
  // Index 3: up 0.5*0.5 + 0.5*1 = 0.75, down 0.25 -> 75. Index 4: up 0.875, down 0.125 -> 87.5.
  const std::vector<double> y = {1, 2, 1, 2, 3};
  rsi(y, 2, o);
  mosaic::expect_near(o[2], 50.0, tol, "rsi(2)[2]");
  mosaic::expect_near(o[3], 75.0, tol, "rsi(2)[3]");
  mosaic::expect_near(o[4], 87.5, tol, "rsi(2)[4]");

  // Bollinger(3, 2) at index 2 on 1, 2, 3: mean 2, population sd sqrt(2/3).
  bollinger(x, 3, 2.0, o, o2, o3, o4);
  const double sd = std::sqrt(2.0 / 3.0);
  mosaic::expect_near(o2[2], 2.0, tol, "bb_middle(3)[2]");
  mosaic::expect_near(o3[2], 2.0 + 2 * sd, tol, "bb_upper(3,2)[2]");
  mosaic::expect_near(o[2], 2.0 - 2 * sd, tol, "bb_lower(3,2)[2]");
  mosaic::expect_near(o4[2], (3.0 - (2.0 - 2 * sd)) / (4 * sd), tol, "bb_pctb(3,2)[2]");

  // ROC(2): 3/1 - 1 = 2 at index 2. z-score(3) at index 2: (3 - 2) / sqrt(2/3).
  roc(x, 2, o);
  mosaic::expect_near(o[2], 2.0, tol, "roc(2)[2]");
  zscore(x, 3, o);
  mosaic::expect_near(o[2], 1.0 / sd, tol, "zscore(3)[2]");

  // ATR(2) close-only: TR = |diff| = 1 from index 1; first ATR at index 2 = mean(1, 1) = 1.
  atr({}, {}, x, 2, o);
  mosaic::expect_near(o[1], NAN, 0, "atr(2)[1] warm-up");
  mosaic::expect_near(o[2], 1.0, tol, "atr(2)[2]");

  // MACD(1, 2, 1) on 1..5: EMA(1) = x; EMA(2) seeded at index 1 with 1.5, alpha 2/3:
  // index 2: 2/3*3 + 1/3*1.5 = 2.5; line = 3 - 2.5 = 0.5; signal EMA(1) = line; hist = 0.
  macd(x, 1, 2, 1, o, o2, o3);
  mosaic::expect_near(o[1], 0.5, tol, "macd line[1]");
  mosaic::expect_near(o[2], 0.5, tol, "macd line[2]");
  mosaic::expect_near(o3[2], 0.0, tol, "macd hist[2]");

  // Rules: a spread of 10% of the slow MA with scale 0.05 saturates at +1, 1% scores 0.2;
  // RSI 50 and %b 0.5 are neutral; RSI 30 and %b 0 score 0.5 * 0.4 + 0.5 * 1 = 0.7; a 5% rate
  // of change with scale 0.1 scores 0.5; NaN (warm-up) stays NaN.
  mosaic::expect_near(trend_score(110, 100, 1 / 0.05), 1.0, tol, "trend score, saturated");
  mosaic::expect_near(trend_score(101, 100, 1 / 0.05), 0.2, tol, "trend score");
  // The tie rule: a spread within 1e-12 of the slow average is exactly 0, in both modes.
  mosaic::expect_near(trend_score(100 * (1 + 1e-13), 100, 1 / 0.05), 0.0, 0, "trend score, tie");
  mosaic::expect_near(trend_sign(100 * (1 + 1e-13), 100), 0.0, 0, "trend sign, tie");
  mosaic::expect_near(trend_sign(100.01, 100), 1.0, 0, "trend sign, up");
  mosaic::expect_near(trend_sign(99.99, 100), -1.0, 0, "trend sign, down");
  mosaic::expect_near(meanrev_score(50, 0.5), 0.0, tol, "mean-reversion score, neutral");
  mosaic::expect_near(meanrev_score(30, 0.0), 0.7, tol, "mean-reversion score, oversold");
  mosaic::expect_near(momentum_score(0.05, 1 / 0.10), 0.5, tol, "momentum score");
  mosaic::expect_near(momentum_score(NAN, 1 / 0.10), NAN, 0, "momentum score, warm-up");
}

}  // namespace mosaic::technical
