#pragma once
// Moving Average Convergence/Divergence (TTR MACD, maType=EMA, percent=FALSE).
// Missing values: see valid_bars.hpp.

#include <span>

namespace mosaic::technical {

// line = EMA(close, fast) - EMA(close, slow), each EMA seeded with the SMA of its own first
// values, so line starts at the slow-th valid bar. sig = EMA(line, signal) seeded with the SMA
// of the first `signal` line values; it starts at valid bar slow+signal-1 (index 33 for
// 12/26/9). hist = line - sig.
// Throws std::invalid_argument unless 1 <= fast < slow and signal >= 1, or if an output's size
// differs from close.size().
void macd(std::span<const double> close, int fast, int slow, int signal, std::span<double> line,
          std::span<double> sig, std::span<double> hist);

}  // namespace mosaic::technical
