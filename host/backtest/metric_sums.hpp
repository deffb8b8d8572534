// The sums the metrics are made from (docs/metrics.md), each accumulated in bar order.
// compute_metrics gathers them from a backtest's series; Backtester::measure while it runs,
// without keeping the series. Both share the deviation pass and the closing formulas below,
// so the two give the same figures bit for bit.
#pragma once

#include "host/backtest/evaluator.hpp"
#include "host/backtest/metrics.hpp"

#include <cstddef>
#include <span>

namespace mosaic::host {

struct MetricSums {
  size_t bars = 0;
  double final_equity = 1.0;
  double sum = 0, sum_excess = 0;     // of r(1 .. N-1) and of r - rf
  double traded = 0, gross = 0;       // turnover(0 .. N-1), gross(0 .. N-2)
  double max_drawdown = 0;            // the first largest drawdown, NaN ones passed over
  size_t wins = 0, active = 0;        // periods with a position (gross(t-1) > 0), those that gained
  double ss = 0, ss_excess = 0, downside = 0;  // deviation_sums
};

// Counts a period t >= 1, its return r and the gross exposure of bar t-1, into the number
// of periods with a position and of those that gained (callers keep the counts in locals).
inline void count_period(size_t& active, size_t& wins, double gross_before, double r) {
  const bool in_position = gross_before > 0;  // a position was held over the period
  active += in_position ? 1 : 0;
  wins += (in_position && r > 0) ? 1 : 0;
}

// The risk-free rate per period.
double per_period_rate(const BacktestSettings& s);

// The second pass, once sum and sum_excess are in: the squared deviations from the means
// and the downside, over returns r(1 .. N-1) (returns covers bars 0 .. N-1).
void deviation_sums(std::span<const double> returns, double rf, MetricSums& sums);

Metrics metrics_from_sums(const MetricSums& sums, const BacktestSettings& s);

}  // namespace mosaic::host
