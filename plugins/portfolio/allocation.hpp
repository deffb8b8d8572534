// The allocation rules that need no optimiser. Each writes one weight per entry of its
// input; an entry whose input is NaN is not eligible and gets 0.
#pragma once

#include <span>

namespace mosaic::portfolio {

// Signal-proportional.
//   long only:  w_i = max(s_i, 0) / sum_j max(s_j, 0)        (gross 1; flat when no s_i > 0)
//   long-short: d_i = s_i - mean(s),  w_i = d_i / sum_j |d_j| (gross 1, net 0; flat when all equal)
void signal_proportional(std::span<const double> scores, bool long_only, std::span<double> w);

// Equal weight on the assets with a positive score.
//   long only:  w_i = 1 / N+ for s_i > 0
//   long-short: w_i = +1/(2 N+) for s_i > 0 and -1/(2 N-) for s_i < 0 (gross 1, net 0;
//               flat unless both sides have an asset)
void equal_weight_positive(std::span<const double> scores, bool long_only, std::span<double> w);

// Inverse volatility: w_i = (1/sigma_i) / sum_j (1/sigma_j) over sigma_i > 0.
void inverse_volatility(std::span<const double> vols, std::span<double> w);

}  // namespace mosaic::portfolio
