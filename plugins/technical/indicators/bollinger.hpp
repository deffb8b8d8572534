#pragma once
// Bollinger Bands on the close (TTR BBands(close, n, sd = k)). Missing values: see valid_bars.hpp.

#include <span>

namespace mosaic::technical {

// middle = SMA(close, n); sd = POPULATION standard deviation of the same n values (TTR uses
// sample=FALSE); lower/upper = middle -/+ k*sd; pct_b = (close-lower)/(upper-lower), NaN when
// upper == lower (a flat window, or k == 0). The first n-1 valid bars are NaN.
// Throws std::invalid_argument if n < 1, k is not finite or k < 0, or an output's size differs
// from close.size().
void bollinger(std::span<const double> close, int n, double k, std::span<double> lower, std::span<double> middle,
               std::span<double> upper, std::span<double> pct_b);

}  // namespace mosaic::technical
