#include "host/backtest/metrics.hpp"

#include <algorithm>
#include <cmath>

namespace mosaic::host {

std::vector<std::pair<std::string, double>> Metrics::items() const {
  return {{"total_return", total_return}, {"cagr", cagr},         {"ann_volatility", ann_volatility},
          {"sharpe", sharpe},             {"sortino", sortino},   {"max_drawdown", max_drawdown},
          {"calmar", calmar},             {"turnover", turnover}, {"hit_rate", hit_rate},
          {"exposure", exposure}};
}

Metrics compute_metrics(const BacktestResult& r, const BacktestSettings& s) {
  Metrics m;
  const size_t n = r.bars;
  m.periods = n > 0 ? n - 1 : 0;
  if (m.periods == 0) {
    const double nan = NAN;
    m = Metrics{nan, nan, nan, nan, nan, 0, nan, nan, nan, nan, 0};
    return m;
  }
  const double P = s.periods_per_year;
  const double periods = static_cast<double>(m.periods);
  const double rf = std::pow(1.0 + s.risk_free_rate, 1.0 / P) - 1.0;  // per period

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
    if (r.gross[t - 1] > 0) {  // a position was held over the period
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

}  // namespace mosaic::host
