// Performance figures of a backtest. Every formula is written out in docs/metrics.md.
#pragma once

#include "host/backtest/evaluator.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mosaic::host {

struct Metrics {
  double total_return = 0;
  double cagr = 0;
  double ann_volatility = 0;
  double sharpe = 0;
  double sortino = 0;
  double max_drawdown = 0;
  double calmar = 0;
  double turnover = 0;  // annualised sum of absolute weight changes
  double hit_rate = 0;
  double exposure = 0;  // mean gross exposure
  size_t periods = 0;   // return periods measured (bars - 1)
  // Per period, of the raw returns: mean / sample standard deviation, no risk-free rate
  // (what the Deflated Sharpe Ratio and PBO compare); NaN with fewer than 2 periods or no
  // variance. Not one of items(): it is not a figure a user targets.
  double sharpe_per_period = 0;

  // Name and value of every figure, in display order. NaN where undefined.
  std::vector<std::pair<std::string, double>> items() const;
  // The same figures as members, in the same order: what reads them back by name (a
  // search journal restoring a trial).
  static const std::vector<std::pair<std::string, double Metrics::*>>& fields();
};

Metrics compute_metrics(const BacktestResult& result, const BacktestSettings& settings);

}  // namespace mosaic::host
