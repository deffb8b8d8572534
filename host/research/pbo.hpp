// Probability of Backtest Overfitting by combinatorially symmetric cross-validation (CSCV),
// Bailey, Borwein, Lopez de Prado & Zhu, "The Probability of Backtest Overfitting".
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::host::research {

struct PboResult {
  double pbo = 0;              // share of combinations with logit <= 0
  std::vector<double> logits;  // lambda = ln(omega / (1 - omega)) per combination
  std::size_t combinations = 0;  // C(S, S/2)
};

// `returns` is a periods x configs matrix of per-period returns, row-major
// (returns[t * configs + n]). The rows are cut into `blocks` contiguous blocks (S, even;
// when S does not divide T the first T % S blocks get one extra row). For every choice of
// S/2 blocks as in-sample, the configuration with the best in-sample Sharpe ratio
// (mean / sample sd; lowest index on ties) is ranked out of sample: rank 1 is the worst
// Sharpe, N the best, tied configurations share their average rank; omega = rank / (N + 1).
// A configuration with zero variance in a sample gets Sharpe +inf, -inf or 0 by the sign of
// its mean. Throws std::invalid_argument for configs < 2, an odd or too-small S (< 2),
// S > 30, a block with fewer than 2 rows in a half, a size mismatch, or a non-finite return.
PboResult probability_of_backtest_overfitting(std::span<const double> returns, std::size_t periods,
                                              std::size_t configs, std::size_t blocks = 16);

}  // namespace mosaic::host::research
