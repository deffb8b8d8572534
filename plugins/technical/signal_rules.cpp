#include "signal_rules.hpp"

#include "indicators/bollinger.hpp"
#include "indicators/ema.hpp"
#include "indicators/roc.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace mosaic::technical {
void SignalRules::check() const {
  if (fast >= slow)
    throw std::invalid_argument("fast (" + std::to_string(fast) + ") must be below slow (" + std::to_string(slow) + ")");
  if (!(w_trend >= 0 && w_meanrev >= 0 && w_momentum >= 0) || w_trend + w_meanrev + w_momentum <= 0)
    throw std::invalid_argument("w_trend, w_meanrev and w_momentum must be >= 0 and not all zero");
}

// Built for AVX2 too and picked at load time on a CPU that has it: the per-bar passes then
// take four bars an instruction. The arithmetic is the same in both builds (no FMA).
__attribute__((target_clones("avx512f", "avx2", "default"))) void score_series(const SignalRules& r,
                                                                     std::span<const double> close,
                                                                     std::span<double> out, SignalScratch& s,
                                                                     const IndicatorMemo& memo, KeptSeries* kept,
                                                                     std::size_t asset) {
  const size_t n = close.size();
  // One indicator series: from the memo when `emit` already computed it, then from the
  // series kept by earlier calls, else computed (and kept when there is room) or into
  // scratch. Only the buffers of weighted rules are sized, so a zero weight costs nothing.
  auto series = [&](Indicator kind, std::vector<double> args, std::vector<double>& scratch, auto&& compute) {
    if (auto known = memo.find(kind, args)) return *known;
    if (kept) {
      if (auto earlier = kept->find(kind, args, asset)) return *earlier;
      if (auto room = kept->make(kind, args, asset)) {
        try {
          compute(*room);
        } catch (...) {
          kept->forget(kind, args, asset);  // never serve a half-computed series
          throw;
        }
        return std::span<const double>(*room);
      }
    }
    scratch.resize(n);
    compute(std::span<double>(scratch));
    return std::span<const double>(scratch);
  };
  const bool need_trend = r.w_trend > 0, need_mr = r.w_meanrev > 0, need_mom = r.w_momentum > 0;
  std::span<const double> fast, slow, rsi_s, pctb, roc_s;
  if (need_trend) {
    const Indicator ma = r.ema_trend ? Indicator::Ema : Indicator::Sma;
    auto average = [&](int period) {
      return [&, period](std::span<double> o) { r.ema_trend ? ema(close, period, o) : sma(close, period, o); };
    };
    fast = series(ma, {double(r.fast)}, s.fast, average(r.fast));
    slow = series(ma, {double(r.slow)}, s.slow, average(r.slow));
  }
  if (need_mr) {
    rsi_s = series(Indicator::Rsi, {double(r.rsi_period)}, s.rsi, [&](std::span<double> o) { rsi(close, r.rsi_period, o); });
    pctb = series(Indicator::Bollinger, {double(r.bb_period), r.bb_k}, s.pctb, [&](std::span<double> o) {
      for (auto* v : {&s.lower, &s.middle, &s.upper}) v->resize(n);
      bollinger(close, r.bb_period, r.bb_k, s.lower, s.middle, s.upper, o);
    });
  }
  if (need_mom)
    roc_s = series(Indicator::Roc, {double(r.roc_period)}, s.roc, [&](std::span<double> o) { roc(close, r.roc_period, o); });

  // One branch-free pass per rule, so the compiler can vectorise each; NaN (warm-up, gaps)
  // propagates through the sums on its own. The first weighted rule's pass writes the bar and
  // folds in the missing-close test (close * 0 is 0 for a price and NaN for NaN or inf); later
  // rules add. A single-rule score, such as a pure crossover, thus costs one pass.
  const double total = r.w_trend + r.w_meanrev + r.w_momentum;
  bool first = true;
  auto pass = [&](auto&& score_at) {
    if (first) {
      for (size_t t = 0; t < n; ++t) out[t] = close[t] * 0.0 + score_at(t);
    } else {
      for (size_t t = 0; t < n; ++t) out[t] += score_at(t);
    }
    first = false;
  };
  if (need_trend) {
    const double w = r.w_trend / total;
    const double inv = 1.0 / r.trend_scale;
    if (r.trend_mode == TrendMode::Sign) pass([&](size_t t) { return w * trend_sign(fast[t], slow[t]); });
    else pass([&](size_t t) { return w * trend_score(fast[t], slow[t], inv); });
  }
  if (need_mr) {
    const double w = r.w_meanrev / total;
    pass([&](size_t t) { return w * meanrev_score(rsi_s[t], pctb[t]); });
  }
  if (need_mom) {
    const double w = r.w_momentum / total;
    const double inv = 1.0 / r.momentum_scale;
    pass([&](size_t t) { return w * momentum_score(roc_s[t], inv); });
  }
}

}  // namespace mosaic::technical
