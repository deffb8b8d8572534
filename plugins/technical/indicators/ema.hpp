#pragma once
// Exponential averages seeded with a simple mean (TTR EMA). Missing values: see valid_bars.hpp.

#include <span>

namespace mosaic::technical {

// alpha = 2/(n+1). The first value, at the n-th valid bar, is the mean of the first n valid
// values (TTR EMA, wilder=FALSE); then out[t] = alpha*x[t] + (1-alpha)*out[t-1].
// Throws std::invalid_argument if n < 1 or out.size() != x.size().
void ema(std::span<const double> x, int n, std::span<double> out);

// Same with alpha = 1/n (Wilder's smoothing; TTR EMA, wilder=TRUE).
void wilder_average(std::span<const double> x, int n, std::span<double> out);

namespace detail {

// Dense kernel behind both: NaN for the first n-1 values, then the seeded recursion. x and out
// may be the same memory (in-place smoothing).
void smooth_exponential(std::span<const double> x, int n, double alpha, std::span<double> out);

inline double ema_alpha(int n) { return 2.0 / (n + 1.0); }
inline double wilder_alpha(int n) { return 1.0 / n; }

}  // namespace detail
}  // namespace mosaic::technical
