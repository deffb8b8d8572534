#pragma once
// Rate of change, discrete (TTR ROC type="discrete"). Missing values: see valid_bars.hpp.

#include <span>

namespace mosaic::technical {

// out[t] = x[t] / x[t-n] - 1, with t-n counted in valid bars; the first n valid bars are NaN.
// A zero base gives an IEEE infinity (or NaN for 0/0), as in TTR.
// Throws std::invalid_argument if n < 1 or out.size() != x.size().
void roc(std::span<const double> x, int n, std::span<double> out);

}  // namespace mosaic::technical
