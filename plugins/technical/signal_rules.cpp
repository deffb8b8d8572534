#include "signal_rules.hpp"

#include "indicators/bollinger.hpp"
#include "indicators/ema.hpp"
#include "indicators/roc.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace mosaic::technical {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
double clamp1(double x) { return std::isnan(x) ? kNaN : std::clamp(x, -1.0, 1.0); }

// Buffers reused across calls on the same thread, so a warm module does not allocate.
struct Scratch {
  std::vector<double> fast, slow, rsi, lower, middle, upper, pctb, roc;
  void resize(size_t n) {
    for (auto* v : {&fast, &slow, &rsi, &lower, &middle, &upper, &pctb, &roc}) v->resize(n);
  }
};
}  // namespace

void SignalRules::check() const {
  if (fast >= slow)
    throw std::invalid_argument("fast (" + std::to_string(fast) + ") must be below slow (" + std::to_string(slow) + ")");
  if (!(w_trend >= 0 && w_meanrev >= 0 && w_momentum >= 0) || w_trend + w_meanrev + w_momentum <= 0)
    throw std::invalid_argument("w_trend, w_meanrev and w_momentum must be >= 0 and not all zero");
}

double trend_score(double fast_ma, double slow_ma, double scale) {
  if (!(slow_ma != 0) || std::isnan(fast_ma) || std::isnan(slow_ma)) return kNaN;
  return clamp1((fast_ma - slow_ma) / std::fabs(slow_ma) / scale);
}

double meanrev_score(double rsi, double pct_b) {
  // Oversold (low RSI, close under the lower band) scores positive: expect a bounce.
  const double from_rsi = (50.0 - rsi) / 50.0;
  const double from_band = 1.0 - 2.0 * pct_b;
  return clamp1(0.5 * clamp1(from_rsi) + 0.5 * clamp1(from_band));
}

double momentum_score(double roc, double scale) { return clamp1(roc / scale); }

void score_series(const SignalRules& r, std::span<const double> close, std::span<double> out) {
  thread_local Scratch s;
  const size_t n = close.size();
  s.resize(n);
  const bool need_trend = r.w_trend > 0, need_mr = r.w_meanrev > 0, need_mom = r.w_momentum > 0;
  if (need_trend) {
    if (r.ema_trend) {
      ema(close, r.fast, s.fast);
      ema(close, r.slow, s.slow);
    } else {
      sma(close, r.fast, s.fast);
      sma(close, r.slow, s.slow);
    }
  }
  if (need_mr) {
    rsi(close, r.rsi_period, s.rsi);
    bollinger(close, r.bb_period, r.bb_k, s.lower, s.middle, s.upper, s.pctb);
  }
  if (need_mom) roc(close, r.roc_period, s.roc);

  const double total = r.w_trend + r.w_meanrev + r.w_momentum;
  for (size_t t = 0; t < n; ++t) {
    double sum = 0;
    if (need_trend) sum += r.w_trend * trend_score(s.fast[t], s.slow[t], r.trend_scale);
    if (need_mr) sum += r.w_meanrev * meanrev_score(s.rsi[t], s.pctb[t]);
    if (need_mom) sum += r.w_momentum * momentum_score(s.roc[t], r.momentum_scale);
    out[t] = std::isnan(close[t]) ? kNaN : sum / total;  // NaN components propagate through sum
  }
}

}  // namespace mosaic::technical
