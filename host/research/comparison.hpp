// A/B comparison of two strategies' return streams: aligning them on their common bars,
// and the tests of their Sharpe difference (Jobson-Korkie-Memmel and a Ledoit-Wolf style
// stationary bootstrap) with their correlation. Differences are B - A throughout.
#pragma once

#include "host/backtest/evaluator.hpp"
#include "host/research/bootstrap.hpp"
#include "host/research/sharpe_difference.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mosaic::host::research {

// Positions of the timestamps both calendars hold, ascending; both inputs ascending.
struct CommonBars {
  std::vector<std::size_t> a, b;
};
CommonBars common_bars(std::span<const std::int64_t> ts_a, std::span<const std::int64_t> ts_b);

// The returns the metrics measure, r(1) .. r(N-1) (r(0) is 0 by construction and is not a
// period), less the per-period risk-free rate (1 + rf)^(1/P) - 1, as the Sharpe metric uses.
std::vector<double> excess_returns(const BacktestResult& result, const BacktestSettings& settings);

struct SharpeComparison {
  std::size_t periods = 0;
  double sharpe_a = NAN, sharpe_b = NAN;  // per period, mean / sample sd of excess returns
  double difference = NAN;                // sharpe_b - sharpe_a, per period
  double difference_annualised = NAN;     // times sqrt(periods per year)
  bool identical = false;                 // the same return on every period
  std::optional<double> correlation;
  std::optional<SharpeDifferenceTest> jobson_korkie_memmel;  // of B - A
  std::optional<BootstrapInterval> bootstrap;                // of B - A, without replicates
  // Why a figure above is absent (or, for identical streams, degenerate).
  std::vector<std::string> notes;
};

// Never throws for degenerate data: a constant stream (an undefined Sharpe ratio) or two
// identical streams (a difference with no sampling variance) leave the affected figures
// absent and say why in `notes`. Throws std::invalid_argument when the lengths differ.
SharpeComparison compare_sharpe(std::span<const double> excess_a, std::span<const double> excess_b,
                                double periods_per_year, const BootstrapSettings& bootstrap, double confidence = 0.95);

}  // namespace mosaic::host::research
