// What the Probability of Backtest Overfitting needs of one configuration's returns: per CSCV
// block, its row count, sum and sum of squares. A Sharpe ratio on any union of blocks follows
// exactly from these, so a search keeps S x 3 numbers per configuration instead of T returns.
#pragma once

#include "host/research/strided_returns.hpp"

#include <cstddef>
#include <vector>

namespace mosaic::host::research {

// The CSCV cut of `periods` rows into `blocks` contiguous blocks: the first periods % blocks
// blocks get one extra row.
std::size_t block_rows(std::size_t periods, std::size_t blocks, std::size_t block);

struct BlockMoments {
  std::vector<double> rows, sum, sumsq;  // one per block
  bool empty() const { return rows.empty(); }
  std::size_t blocks() const { return rows.size(); }
};

// Sums each block's rows in order; a non-finite return makes its block's sums non-finite,
// which the PBO rejects. `blocks` must be >= 1.
BlockMoments block_moments(StridedReturns returns, std::size_t blocks);

}  // namespace mosaic::host::research
