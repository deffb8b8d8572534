#include "host/backtest/evaluator.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace mosaic::host {

BacktestResult run_backtest(const BacktestInput& in, const BacktestSettings& settings) {
  const size_t n = in.bars, m = in.assets;
  if (in.close.size() != n * m || in.weights.size() != n * m)
    throw std::invalid_argument(fmt::format("backtest: {} bars x {} assets need {} prices and weights, got {} and {}",
                                            n, m, n * m, in.close.size(), in.weights.size()));
  BacktestResult r;
  r.bars = n;
  r.assets = m;
  r.held.assign(n * m, 0.0);
  r.returns.assign(n, 0.0);
  r.equity.assign(n, 1.0);
  r.drawdown.assign(n, 0.0);
  r.turnover.assign(n, 0.0);
  r.gross.assign(n, 0.0);
  if (n == 0) return r;

  const double cost = settings.cost_bps / 1e4;
  std::vector<double> last_price(m, NAN);  // the last valid close at or before the bar
  double peak = 1.0;
  for (size_t t = 0; t < n; ++t) {
    // 1. What the weights held since t-1 earned over (t-1, t]. An asset without a price at
    //    t earns nothing now; its move shows up when a price returns, against the last one.
    double earned = 0.0;
    for (size_t a = 0; a < m; ++a) {
      const double p = in.close[a * n + t];
      if (t > 0 && std::isfinite(p) && std::isfinite(last_price[a])) {
        const double w = r.held[a * n + t - 1];
        if (w != 0.0) earned += w * (p / last_price[a] - 1.0);
      }
    }
    // 2. Trade to the weights decided at t. No price at t: the asset cannot trade, so its
    //    weight carries; a NaN decision also holds the previous weight.
    double traded = 0.0, gross = 0.0;
    for (size_t a = 0; a < m; ++a) {
      const double p = in.close[a * n + t];
      if (std::isfinite(p)) last_price[a] = p;
      const double before = t > 0 ? r.held[a * n + t - 1] : 0.0;
      const double target = in.weights[a * n + t];
      const double now = (std::isfinite(p) && std::isfinite(target)) ? target : before;
      r.held[a * n + t] = now;
      traded += std::fabs(now - before);
      gross += std::fabs(now);
    }
    r.turnover[t] = traded;
    r.gross[t] = gross;
    // The cost of trading at t is paid out of the return earned over (t, t+1], as in
    // r_p(t+1) = sum_i w_i(t) r_i(t+1) - cost * sum_i |w_i(t) - w_i(t-1)|.
    if (t > 0) r.returns[t] = earned - cost * r.turnover[t - 1];
    r.equity[t] = t > 0 ? r.equity[t - 1] * (1.0 + r.returns[t]) : 1.0;
    peak = std::max(peak, r.equity[t]);
    r.drawdown[t] = 1.0 - r.equity[t] / peak;
  }
  return r;
}

}  // namespace mosaic::host
