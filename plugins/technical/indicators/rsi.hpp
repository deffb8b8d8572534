#pragma once
// Relative Strength Index (TTR RSI with its default Wilder EMA; TA-Lib RSI).
// Missing values: see valid_bars.hpp (a change is taken between consecutive valid closes).

#include <span>

namespace mosaic::technical {

// Up and down moves of the close are each Wilder-smoothed (alpha 1/n), seeded with the simple
// mean of the first n changes, so the first value is at the (n+1)-th valid bar (index n).
// out = 100 * avg_up / (avg_up + avg_down): 100 when avg_down == 0, 0 when avg_up == 0, and
// NaN when both are 0 (no moves in the window), as TTR gives.
// Throws std::invalid_argument if n < 1 or out.size() != close.size().
void rsi(std::span<const double> close, int n, std::span<double> out);

}  // namespace mosaic::technical
