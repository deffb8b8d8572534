#pragma once
// Rolling z-score. Missing values: see valid_bars.hpp.

#include <span>

namespace mosaic::technical {

// out[t] = (x[t] - mean) / sd over the last n valid values, sd the POPULATION standard
// deviation (as TTR runSD(sample=FALSE)); NaN when sd == 0 (a flat window, or n == 1).
// The first n-1 valid bars are NaN.
// Throws std::invalid_argument if n < 1 or out.size() != x.size().
void zscore(std::span<const double> x, int n, std::span<double> out);

}  // namespace mosaic::technical
