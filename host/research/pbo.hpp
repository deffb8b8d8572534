// Probability of Backtest Overfitting by combinatorially symmetric cross-validation (CSCV),
// Bailey, Borwein, Lopez de Prado & Zhu, "The Probability of Backtest Overfitting".
#pragma once

#include "host/research/block_moments.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::host::research {

struct PboResult {
  double pbo = 0;              // share of combinations with logit <= 0
  std::vector<double> logits;  // lambda = ln(omega / (1 - omega)) per combination
  std::size_t combinations = 0;  // C(S, S/2)
};

// The block moments of N configurations, block-major (sum[s * configs + n]): the kernel's
// inner loops run over the configurations.
struct MomentTable {
  std::size_t configs = 0;
  std::vector<double> rows;        // per block; the same for every configuration
  std::vector<double> sum, sumsq;  // blocks x configs
  std::size_t blocks() const { return rows.size(); }
};

// Throws std::invalid_argument when the configurations' blocks differ in number or rows
// (their return series differ in length).
MomentTable moment_table(std::span<const BlockMoments* const> configs);

// The combinations are the choices of S/2 blocks as in-sample, in ascending order of their
// bit masks (block s is bit s). For each, the configuration with the best in-sample Sharpe
// ratio (mean / sample sd; lowest index on ties) is ranked out of sample: rank 1 is the worst
// Sharpe, N the best, tied configurations share their average rank; omega = rank / (N + 1).
// A configuration with zero variance in a sample gets Sharpe +inf, -inf or 0 by the sign of
// its mean. A combination and its complement are computed together, on `threads` threads;
// the result does not depend on the thread count. Throws std::invalid_argument for
// configs < 2, an odd or too-small S (< 2), S > 24, a block with fewer than 2 rows in a half,
// or a non-finite moment (from a non-finite return).
PboResult probability_of_backtest_overfitting(const MomentTable& table, int threads = 1);

// The same from a periods x configs matrix of per-period returns, row-major
// (returns[t * configs + n]), cut into `blocks` blocks as block_rows() says. Throws also
// for a size mismatch.
PboResult probability_of_backtest_overfitting(std::span<const double> returns, std::size_t periods,
                                              std::size_t configs, std::size_t blocks = 16, int threads = 1);

}  // namespace mosaic::host::research
