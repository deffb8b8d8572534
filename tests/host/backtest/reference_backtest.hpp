// The backtest and its metrics written the plain way, a bar at a time with an inner loop
// over the assets, as docs/metrics.md states them (both fills, a delay, both costs). The
// library computes the same figures a column at a time and with its sums folded into fewer
// passes; the tests hold it to this, bit for bit.
#pragma once

#include "host/backtest/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace reference {

using mosaic::host::BacktestInput;
using mosaic::host::BacktestResult;
using mosaic::host::BacktestSettings;
using mosaic::host::Metrics;

inline BacktestResult empty_result(size_t n, size_t m) {
  BacktestResult r;
  r.bars = n;
  r.assets = m;
  r.held.assign(n * m, 0.0);
  r.returns.assign(n, 0.0);
  r.equity.assign(n, 1.0);
  r.drawdown.assign(n, 0.0);
  r.turnover.assign(n, 0.0);
  r.gross.assign(n, 0.0);
  return r;
}

// The decision held at the close of bar t: the one made k bars before, none before bar k.
inline double decision_for(const BacktestInput& in, size_t a, size_t t, size_t k) {
  return t >= k ? in.weights[a * in.bars + t - k] : NAN;
}

// Fill at the next open: the old weights earn the move into the open, the trade is done
// there, the new weights earn the move to the close.
inline BacktestResult backtest_open(const BacktestInput& in, const BacktestSettings& settings) {
  const size_t n = in.bars, m = in.assets, k = settings.delay + 1;
  BacktestResult r = empty_result(n, m);
  const double cost = (settings.cost_bps + settings.slippage_bps) / 1e4;
  std::vector<double> last_price(m, NAN);  // the last open or close seen
  double peak = 1.0;
  for (size_t t = 0; t < n; ++t) {
    double overnight = 0.0, intraday = 0.0, traded = 0.0, gross = 0.0;
    for (size_t a = 0; a < m; ++a) {
      const double before = t > 0 ? r.held[a * n + t - 1] : 0.0;
      const double o = in.open[a * n + t], p = in.close[a * n + t];
      if (std::isfinite(o)) {
        if (std::isfinite(last_price[a]) && before != 0.0) overnight += before * (o / last_price[a] - 1.0);
        last_price[a] = o;
      }
      const double target = decision_for(in, a, t, k);
      const double now = (std::isfinite(o) && std::isfinite(target)) ? target : before;
      if (std::isfinite(p)) {
        if (std::isfinite(last_price[a]) && now != 0.0) intraday += now * (p / last_price[a] - 1.0);
        last_price[a] = p;
      }
      r.held[a * n + t] = now;
      traded += std::fabs(now - before);
      gross += std::fabs(now);
    }
    r.turnover[t] = traded;
    r.gross[t] = gross;
    if (t > 0) r.returns[t] = (1.0 + overnight) * (1.0 + intraday - cost * traded) - 1.0;
    r.equity[t] = t > 0 ? r.equity[t - 1] * (1.0 + r.returns[t]) : 1.0;
    peak = std::max(peak, r.equity[t]);
    r.drawdown[t] = 1.0 - r.equity[t] / peak;
  }
  return r;
}

inline BacktestResult backtest(const BacktestInput& in, const BacktestSettings& settings) {
  if (settings.fill == mosaic::host::Fill::NextOpen) return backtest_open(in, settings);
  const size_t n = in.bars, m = in.assets;
  BacktestResult r = empty_result(n, m);
  const double cost = (settings.cost_bps + settings.slippage_bps) / 1e4;
  std::vector<double> last_price(m, NAN);
  double peak = 1.0;
  for (size_t t = 0; t < n; ++t) {
    double earned = 0.0;
    for (size_t a = 0; a < m; ++a) {
      const double p = in.close[a * n + t];
      if (t > 0 && std::isfinite(p) && std::isfinite(last_price[a])) {
        const double w = r.held[a * n + t - 1];
        if (w != 0.0) earned += w * (p / last_price[a] - 1.0);
      }
    }
    double traded = 0.0, gross = 0.0;
    for (size_t a = 0; a < m; ++a) {
      const double p = in.close[a * n + t];
      if (std::isfinite(p)) last_price[a] = p;
      const double before = t > 0 ? r.held[a * n + t - 1] : 0.0;
      const double target = decision_for(in, a, t, settings.delay);
      const double now = (std::isfinite(p) && std::isfinite(target)) ? target : before;
      r.held[a * n + t] = now;
      traded += std::fabs(now - before);
      gross += std::fabs(now);
    }
    r.turnover[t] = traded;
    r.gross[t] = gross;
    if (t > 0) r.returns[t] = earned - cost * r.turnover[t - 1];
    r.equity[t] = t > 0 ? r.equity[t - 1] * (1.0 + r.returns[t]) : 1.0;
    peak = std::max(peak, r.equity[t]);
    r.drawdown[t] = 1.0 - r.equity[t] / peak;
  }
  return r;
}

// Every figure but sharpe_per_period, one loop per sum.
inline Metrics metrics(const BacktestResult& r, const BacktestSettings& s) {
  Metrics m;
  const size_t n = r.bars;
  m.periods = n > 0 ? n - 1 : 0;
  if (m.periods == 0) {
    const double nan = NAN;
    return Metrics{nan, nan, nan, nan, nan, 0, nan, nan, nan, nan, 0, nan};
  }
  const double P = s.periods_per_year;
  const double periods = static_cast<double>(m.periods);
  const double rf = std::pow(1.0 + s.risk_free_rate, 1.0 / P) - 1.0;
  m.total_return = r.equity[n - 1] - 1.0;
  m.cagr = r.equity[n - 1] > 0 ? std::pow(r.equity[n - 1], P / periods) - 1.0 : -1.0;
  double sum = 0, sum_excess = 0;
  for (size_t t = 1; t < n; ++t) {
    sum += r.returns[t];
    sum_excess += r.returns[t] - rf;
  }
  const double mean = sum / periods, mean_excess = sum_excess / periods;
  double ss = 0, ss_excess = 0, downside = 0;
  size_t wins = 0, active = 0;
  for (size_t t = 1; t < n; ++t) {
    ss += (r.returns[t] - mean) * (r.returns[t] - mean);
    const double e = r.returns[t] - rf;
    ss_excess += (e - mean_excess) * (e - mean_excess);
    downside += std::min(0.0, e) * std::min(0.0, e);
    if (r.gross[t - 1] > 0) {
      ++active;
      wins += r.returns[t] > 0 ? 1 : 0;
    }
  }
  const double sd = m.periods > 1 ? std::sqrt(ss / (periods - 1)) : NAN;
  const double sd_excess = m.periods > 1 ? std::sqrt(ss_excess / (periods - 1)) : NAN;
  const double downside_dev = std::sqrt(downside / periods);
  m.ann_volatility = sd * std::sqrt(P);
  m.sharpe = sd_excess > 0 ? mean_excess / sd_excess * std::sqrt(P) : NAN;
  m.sortino = downside_dev > 0 ? mean_excess / downside_dev * std::sqrt(P) : NAN;
  m.max_drawdown = *std::max_element(r.drawdown.begin(), r.drawdown.end());
  m.calmar = m.max_drawdown > 0 ? m.cagr / m.max_drawdown : NAN;
  double traded = 0, gross = 0;
  for (size_t t = 0; t < n; ++t) traded += r.turnover[t];
  for (size_t t = 0; t + 1 < n; ++t) gross += r.gross[t];
  m.turnover = traded / periods * P;
  m.exposure = gross / periods;
  m.hit_rate = active > 0 ? static_cast<double>(wins) / static_cast<double>(active) : NAN;
  return m;
}

}  // namespace reference
