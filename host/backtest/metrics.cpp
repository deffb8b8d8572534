#include "host/backtest/metrics.hpp"

#include "host/backtest/metric_sums.hpp"

#include <algorithm>
#include <cmath>

namespace mosaic::host {

const std::vector<std::pair<std::string, double Metrics::*>>& Metrics::fields() {
  static const std::vector<std::pair<std::string, double Metrics::*>> f = {
      {"total_return", &Metrics::total_return}, {"cagr", &Metrics::cagr},
      {"ann_volatility", &Metrics::ann_volatility}, {"sharpe", &Metrics::sharpe},
      {"sortino", &Metrics::sortino},           {"max_drawdown", &Metrics::max_drawdown},
      {"calmar", &Metrics::calmar},             {"turnover", &Metrics::turnover},
      {"hit_rate", &Metrics::hit_rate},         {"exposure", &Metrics::exposure}};
  return f;
}

std::vector<std::pair<std::string, double>> Metrics::items() const {
  std::vector<std::pair<std::string, double>> out;
  out.reserve(fields().size());
  for (const auto& [name, member] : fields()) out.emplace_back(name, this->*member);
  return out;
}

// Two passes over the bars: the sums, counts and largest drawdown, then the deviations from
// the means the sums give (metric_sums.hpp).
Metrics compute_metrics(const BacktestResult& r, const BacktestSettings& s) {
  MetricSums sums;
  sums.bars = r.bars;
  const size_t n = r.bars;
  if (n < 2) return metrics_from_sums(sums, s);
  const double rf = per_period_rate(s);
  sums.final_equity = r.equity[n - 1];
  const double* ret = r.returns.data();
  const double* turnover = r.turnover.data();
  const double* held = r.gross.data();
  const double* drawdown = r.drawdown.data();
  double sum = 0, sum_excess = 0, traded = 0, gross = 0;
  traded += turnover[0];
  double max_drawdown = drawdown[0];  // the first largest, as std::max_element finds it
  size_t active = 0, wins = 0;
  for (size_t t = 1; t < n; ++t) {
    sum += ret[t];
    sum_excess += ret[t] - rf;
    traded += turnover[t];
    gross += held[t - 1];
    count_period(active, wins, held[t - 1], ret[t]);
    max_drawdown = max_drawdown < drawdown[t] ? drawdown[t] : max_drawdown;
  }
  sums.sum = sum;
  sums.sum_excess = sum_excess;
  sums.traded = traded;
  sums.gross = gross;
  sums.max_drawdown = max_drawdown;
  sums.active = active;
  sums.wins = wins;
  deviation_sums(r.returns, rf, sums);
  return metrics_from_sums(sums, s);
}

}  // namespace mosaic::host
