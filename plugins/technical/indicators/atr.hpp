#pragma once
// True range and Average True Range (TTR TR/ATR; TA-Lib ATR). Missing values: see
// valid_bars.hpp; a bar is valid only if close, and high/low when given, are all finite.

#include <span>

namespace mosaic::technical {

// out[t] = max(high[t], prev_close) - min(low[t], prev_close), where prev_close is the last valid
// close. The first valid bar has no previous close, so it is NaN (as in TTR).
// Close-only data: pass empty high and low, and out[t] = |close[t] - prev_close|.
// Throws std::invalid_argument if only one of high/low is empty, or a size differs from
// close.size().
void true_range(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                std::span<double> out);

// Wilder average (alpha 1/n) of the true range, seeded with mean(TR[1..n]): the first value is
// at the (n+1)-th valid bar (index n). Same inputs as true_range; throws also if n < 1.
void atr(std::span<const double> high, std::span<const double> low, std::span<const double> close, int n,
         std::span<double> out);

}  // namespace mosaic::technical
