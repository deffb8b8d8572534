#pragma once
// Dense rolling-window moments (no NaN inputs; see valid_bars.hpp). Both write bars i >= n-1
// only; the caller marks the warm-up.

#include <span>

namespace mosaic::technical::detail {

// mean[i] = mean of x[i-n+1 .. i], within a few roundings of the exact mean of the doubles
// given, whatever the series length and whatever left the window before.
void rolling_mean(std::span<const double> x, int n, std::span<double> mean);

// Also var[i] = POPULATION variance of the same window. A window of equal values gets exactly 0
// (not rounding residue), so that callers can rely on var == 0 to detect it.
void rolling_moments(std::span<const double> x, int n, std::span<double> mean, std::span<double> var);

}  // namespace mosaic::technical::detail
