// The settings' timing and costs as the backtest's loops use them (docs/metrics.md, Timing).
#pragma once

#include "host/backtest/evaluator.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::host {

// The bars from a decision to the close that first holds it: the delay, and one more for a
// fill at the next open (the weight is bought at that open and held at that bar's close).
inline size_t hold_shift(const BacktestSettings& s) { return s.delay + (s.fill == Fill::NextOpen ? 1 : 0); }

// The cost of one unit of turnover. Commission and slippage are both a fraction of the value
// traded, so they add; with no slippage this is cost_bps / 1e4 to the bit.
inline double cost_per_turnover(const BacktestSettings& s) { return (s.cost_bps + s.slippage_bps) / 1e4; }

// r(t) of a fill at the open: the weights held since the last open earn the move to this
// open; the cost of trading at this open comes out of the period after the trade, as at the
// close; the weights bought earn the move to this close on the equity left at the open.
inline double open_fill_return(double overnight, double intraday, double cost, double turnover) {
  return (1.0 + overnight) * (1.0 + intraday - cost * turnover) - 1.0;
}

// Each asset's decisions (bars x assets, column-major) moved `shift` bars later into `out`:
// value(a, t) = weights(a, t - shift), and 0 on the first `shift` bars, where nothing has been
// decided yet (holding 0 and "no decision" hold the same weight: 0). Returns `out`.
std::span<const double> shift_weights(std::span<const double> weights, size_t bars, size_t assets, size_t shift,
                                      std::vector<double>& out);

}  // namespace mosaic::host
