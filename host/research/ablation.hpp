// The change in every backtest metric between two runs on the same bars, with paired
// bootstrap confidence intervals, and the verdict ablation draws from the Sharpe change.
#pragma once

#include "host/backtest/metrics.hpp"
#include "host/research/bootstrap.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace mosaic::host::research {

struct MetricDelta {
  std::string metric;  // as Metrics::items() names it
  double baseline = 0;
  double variant = 0;
  double delta = 0;            // variant - baseline, on the original data
  double low = 0, high = 0;    // percentile interval of the resampled deltas
  double std_error = 0;        // sample sd of the resampled deltas
  std::size_t replicates = 0;  // resamples in which both metrics were defined
};

// Every metric of Metrics::items(), in that order. Each resample draws one set of
// stationary-bootstrap period indices and rebuilds both backtests from the same periods
// (period_rows / rebuild_backtest), so the deltas are paired. A resample in which a metric
// is undefined (NaN) is left out of that metric's interval; with none left the interval
// and std_error are NaN. One exception: a run whose returns do not vary (a flat book) has
// Sharpe 0, as cash, rather than NaN. settings.mean_block_length is used as given. Throws
// std::invalid_argument when the runs cover different numbers of bars, or for settings
// bootstrap_interval rejects.
std::vector<MetricDelta> metric_deltas(const BacktestResult& baseline, const BacktestResult& variant,
                                       const BacktestSettings& backtest, const BootstrapSettings& bootstrap);

// The delta of one metric by name; throws std::out_of_range when absent.
const MetricDelta& find_delta(const std::vector<MetricDelta>& deltas, const std::string& metric);

enum class Effect { Helps, Hurts, NoSignificantEffect, Undetermined };
const char* effect_name(Effect e);  // "helps", "hurts", "no significant effect", "undetermined"

// From the interval of Sharpe(with the module) - Sharpe(without it): helps when it lies
// above 0, hurts when below, no significant effect when it holds 0 (within 1e-9, rounding
// noise); undetermined when it is NaN.
Effect module_effect(double with_minus_without_low, double with_minus_without_high);

}  // namespace mosaic::host::research
