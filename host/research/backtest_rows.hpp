// A backtest as rows, one per return period, so it can be resampled or cut to a calendar
// and turned back into a BacktestResult that compute_metrics measures like the original.
#pragma once

#include "host/backtest/evaluator.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::host::research {

// Row k is the period (t-1, t] with t = k + 1. The metrics read each period's return
// together with the book held over it and the trade whose cost it paid, so those travel
// together when rows are resampled.
struct PeriodRows {
  std::vector<double> returns;   // r(t)
  std::vector<double> turnover;  // turnover(t-1)
  std::vector<double> gross;     // gross(t-1)
  double last_turnover = 0;      // traded on the last bar, charged in no period
  double last_gross = 0;
  std::size_t periods() const { return returns.size(); }
};

PeriodRows period_rows(const BacktestResult& result);

// The backtest whose periods are rows[indices[0]], rows[indices[1]], ...: returns,
// turnover and gross from the rows, equity and drawdown compounded again. Without held
// weights (assets = 0). rebuild_backtest(rows, 0..T-1) gives back the original's returns,
// equity, drawdown, turnover and gross. Throws std::out_of_range for a bad index.
BacktestResult rebuild_backtest(const PeriodRows& rows, std::span<const std::size_t> indices);

// The backtest seen only at the given bars (ascending positions into `result`): each
// period runs from one kept bar to the next, its return compounded from the bars between,
// its turnover the sum traded from the earlier kept bar until the later one, and equity
// rebased to 1 at the first kept bar. Keeping every bar gives back the original (without
// held weights). Throws std::invalid_argument for positions that are not ascending or out
// of range.
BacktestResult restrict_to_bars(const BacktestResult& result, std::span<const std::size_t> positions);

}  // namespace mosaic::host::research
