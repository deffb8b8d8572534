// A stretch of a backtest measured on its own, for out-of-sample figures: the bars
// [first, end) of a result, rebased so that equity is 1 at `first`.
#pragma once

#include "host/backtest/evaluator.hpp"

namespace mosaic::host {

// returns[first] becomes 0 (what was earned before the window is not the window's), so the
// window measures the returns over (first, end-1]. Drawdown restarts from the rebased
// equity. Throws std::out_of_range unless first < end <= r.bars.
BacktestResult backtest_window(const BacktestResult& r, size_t first, size_t end);

}  // namespace mosaic::host
