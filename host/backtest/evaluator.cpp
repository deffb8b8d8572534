#include "host/backtest/evaluator.hpp"

#include "host/backtest/all_finite.hpp"
#include "host/backtest/asset_bar.hpp"
#include "host/backtest/timing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <type_traits>

namespace mosaic::host {
using asset_bar::kEarns;
using asset_bar::kPriced;

BacktestResult run_backtest(const BacktestInput& in, const BacktestSettings& settings) {
  const size_t n = in.bars, m = in.assets;
  if (in.close.size() != n * m || in.weights.size() != n * m)
    throw std::invalid_argument(fmt::format("backtest: {} bars x {} assets need {} prices and weights, got {} and {}",
                                            n, m, n * m, in.close.size(), in.weights.size()));
  BacktestResult r;
  Backtester(n, m, in.close, in.open).run(in.weights, settings, r);
  return r;
}

Backtester::Backtester(size_t bars, size_t assets, std::span<const double> close, std::span<const double> open)
    : bars_(bars), assets_(assets) {
  if (close.size() != bars * assets)
    throw std::invalid_argument(
        fmt::format("backtest: {} bars x {} assets need {} prices, got {}", bars, assets, bars * assets, close.size()));
  move_.assign(bars * assets, 0.0);
  flags_.assign(bars * assets, 0);
  always_priced_.assign(assets, 1);
  for (size_t a = 0; a < assets; ++a) {
    double last_price = NAN;  // the last valid close before the bar
    for (size_t t = 0; t < bars; ++t) {
      const size_t i = a * bars + t;
      const double p = close[i];
      if (!std::isfinite(p)) {
        always_priced_[a] = 0;
        continue;
      }
      // An asset without a price at t earns nothing now; its move shows up when a price
      // returns, against the last one.
      if (t > 0 && std::isfinite(last_price)) {
        move_[i] = p / last_price - 1.0;
        flags_[i] = kEarns;
      }
      flags_[i] |= kPriced;
      last_price = p;
    }
  }
  // An empty market has all of its (no) opens.
  if (!open.empty() || bars * assets == 0) mark_opens(open, close);
}

bool Backtester::decides_every_bar(std::span<const double> weights, size_t a) const {
  const double* target = weights.data() + a * bars_;
  return always_priced_[a] && all_finite(target, bars_);
}

std::span<const double> Backtester::weights_held_from(std::span<const double> weights,
                                                      const BacktestSettings& settings,
                                                      std::vector<double>& scratch) const {
  if (weights.size() != bars_ * assets_)
    throw std::invalid_argument(fmt::format("backtest: {} bars x {} assets need {} weights, got {}", bars_, assets_,
                                            bars_ * assets_, weights.size()));
  if (settings.fill == Fill::NextOpen && !has_open_)
    throw std::invalid_argument("backtest: fill = next_open trades at the open, and there are no open prices");
  const size_t shift = hold_shift(settings);
  return shift == 0 ? weights : shift_weights(weights, bars_, assets_, shift, scratch);
}

// One pass per asset. The per-bar sums over assets (return earned, turnover, gross) are
// accumulated asset by asset in asset order: exactly the additions of a bar-at-a-time loop,
// without an inner loop over the assets on every bar. The first asset stores 0.0 + its
// term, which is what adding it to a zeroed sum gives.
void Backtester::book(std::span<const double> weights, double* earned, double* turnover, double* gross,
                      double* held) const {
  const size_t n = bars_, m = assets_;
  if (m == 0) {
    std::fill(earned, earned + n, 0.0);
    std::fill(turnover, turnover + n, 0.0);
    std::fill(gross, gross + n, 0.0);
  }
  if (n == 0) return;
  // A weight carries over a bar without a price or a decision, which chains every bar to the
  // one before it.
  auto carrying = [&](size_t a, auto first) {
    const double* move = move_.data() + a * n;
    const uint8_t* flags = flags_.data() + a * n;
    const double* target = weights.data() + a * n;
    double before = 0.0;  // the weight held since t-1
    for (size_t t = 0; t < n; ++t) {
      // 1. What the weight held since t-1 earned over (t-1, t]; 2. trade to the weight decided at t.
      const bool earns = asset_bar::earns(flags[t], before);
      if constexpr (first) earned[t] = earns ? 0.0 + before * move[t] : 0.0;
      else if (earns) earned[t] += before * move[t];
      const double now = asset_bar::held_after(flags[t], target[t], before);
      if (held) held[a * n + t] = now;
      turnover[t] = (first ? 0.0 : turnover[t]) + std::fabs(now - before);
      gross[t] = (first ? 0.0 : gross[t]) + std::fabs(now);
      before = now;
    }
  };
  // Priced on every bar and a decision on every bar: the weight held is the weight decided,
  // so the bars are independent and the loop vectorises. The same terms as `carrying`: move
  // is 0 where the asset does not earn, and adding before * 0 (+-0) leaves a sum as it is
  // (a sum is never -0.0), so only before != 0 needs a test (an infinite move times 0).
  auto deciding = [&](size_t a, auto first) {
    const double* move = move_.data() + a * n;
    const double* target = weights.data() + a * n;
    earned[0] = first ? 0.0 : earned[0];
    turnover[0] = (first ? 0.0 : turnover[0]) + std::fabs(target[0] - 0.0);
    gross[0] = (first ? 0.0 : gross[0]) + std::fabs(target[0]);
    for (size_t t = 1; t < n; ++t) {
      const double before = target[t - 1], now = target[t];
      const double gain = before * move[t];
      earned[t] = (first ? 0.0 : earned[t]) + (before != 0.0 ? gain : 0.0);
      turnover[t] = (first ? 0.0 : turnover[t]) + std::fabs(now - before);
      gross[t] = (first ? 0.0 : gross[t]) + std::fabs(now);
    }
    if (held) std::copy(target, target + n, held + a * n);
  };
  for (size_t a = 0; a < m; ++a) {
    if (decides_every_bar(weights, a)) {
      if (a == 0) deciding(a, std::true_type{});
      else deciding(a, std::false_type{});
    } else {
      if (a == 0) carrying(a, std::true_type{});
      else carrying(a, std::false_type{});
    }
  }
  earned[0] = 0.0;  // r(0) = 0: nothing is earned before the first bar
}

void Backtester::run(std::span<const double> decided, const BacktestSettings& settings, BacktestResult& r) const {
  const size_t n = bars_, m = assets_;
  std::vector<double> scratch;  // allocated only for a delay or an open fill
  const std::span<const double> weights = weights_held_from(decided, settings, scratch);
  r.bars = n;
  r.assets = m;
  r.held.resize(n * m);
  r.returns.resize(n);  // the return earned over (t-1, t], before costs, until the last pass
  r.equity.resize(n);
  r.drawdown.resize(n);
  r.turnover.resize(n);
  r.gross.resize(n);
  if (n == 0) return;
  if (settings.fill == Fill::NextOpen) return run_open(weights, settings, r);
  book(weights, r.returns.data(), r.turnover.data(), r.gross.data(), r.held.data());
  const double* earned = r.returns.data();
  const double* turnover = r.turnover.data();

  // The cost of trading at t is paid out of the return earned over (t, t+1], as in
  // r_p(t+1) = sum_i w_i(t) r_i(t+1) - cost * sum_i |w_i(t) - w_i(t-1)|. The running peak
  // waits in `drawdown` for the last loop, whose divisions are independent and vectorise.
  const double cost = cost_per_turnover(settings);
  double* returns = r.returns.data();
  double* equity = r.equity.data();
  double* drawdown = r.drawdown.data();
  double e = 1.0, peak = 1.0;
  equity[0] = e;
  drawdown[0] = peak;
  for (size_t t = 1; t < n; ++t) {
    returns[t] = earned[t] - cost * turnover[t - 1];
    e = e * (1.0 + returns[t]);
    peak = std::max(peak, e);
    equity[t] = e;
    drawdown[t] = peak;
  }
  for (size_t t = 0; t < n; ++t) drawdown[t] = 1.0 - equity[t] / drawdown[t];
}

}  // namespace mosaic::host
