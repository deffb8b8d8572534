#pragma once
// Simple moving average (TTR SMA). Missing values: see valid_bars.hpp.

#include <span>

namespace mosaic::technical {

// out[t] = mean of the last n valid values; the first n-1 valid bars are NaN. Within a few
// roundings of the exact mean (under 1e-15 relative for a positive series) on any length: the
// window sum is compensated (rolling.cpp). Averages that are equal in exact arithmetic thus
// differ by far less than the trend rule's tie band (signal_rules.hpp).
// Throws std::invalid_argument if n < 1 or out.size() != x.size().
void sma(std::span<const double> x, int n, std::span<double> out);

}  // namespace mosaic::technical
