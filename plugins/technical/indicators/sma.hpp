#pragma once
// Simple moving average (TTR SMA). Missing values: see valid_bars.hpp.

#include <span>

namespace mosaic::technical {

// out[t] = mean of the last n valid values; the first n-1 valid bars are NaN.
// Throws std::invalid_argument if n < 1 or out.size() != x.size().
void sma(std::span<const double> x, int n, std::span<double> out);

}  // namespace mosaic::technical
