#include "host/research/block_moments.hpp"

#include <stdexcept>

namespace mosaic::host::research {

std::size_t block_rows(std::size_t periods, std::size_t blocks, std::size_t block) {
  return periods / blocks + (block < periods % blocks ? 1 : 0);
}

BlockMoments block_moments(StridedReturns returns, std::size_t blocks) {
  if (blocks == 0) throw std::invalid_argument("block_moments: at least one block");
  BlockMoments m;
  m.rows.resize(blocks);
  m.sum.assign(blocks, 0.0);
  m.sumsq.assign(blocks, 0.0);
  const std::size_t n = returns.size(), base = n / blocks, extra = n % blocks;
  // Four blocks at a time, row by row: each block's sums still add its rows in order, so
  // the figures are those of one block after another, while the four dependency chains
  // overlap instead of each waiting on the last addition.
  for (std::size_t g = 0; g < blocks; g += 4) {
    const std::size_t lanes = blocks - g < 4 ? blocks - g : 4;
    StridedReturns at[4] = {returns, returns, returns, returns};
    double sum[4] = {0, 0, 0, 0}, sumsq[4] = {0, 0, 0, 0};
    for (std::size_t l = 0; l < lanes; ++l) {
      const std::size_t s = g + l;
      at[l] = returns.from(s * base + (s < extra ? s : extra));
      m.rows[s] = static_cast<double>(block_rows(n, blocks, s));
    }
    if (lanes == 4) {
      for (std::size_t k = 0; k < base; ++k)
        for (std::size_t l = 0; l < 4; ++l) {
          sum[l] += at[l][k];
          sumsq[l] += at[l][k] * at[l][k];
        }
    } else {
      for (std::size_t k = 0; k < base; ++k)
        for (std::size_t l = 0; l < lanes; ++l) {
          sum[l] += at[l][k];
          sumsq[l] += at[l][k] * at[l][k];
        }
    }
    for (std::size_t l = 0; l < lanes; ++l) {
      if (g + l < extra) {  // the block's extra last row
        sum[l] += at[l][base];
        sumsq[l] += at[l][base] * at[l][base];
      }
      m.sum[g + l] = sum[l];
      m.sumsq[g + l] = sumsq[l];
    }
  }
  return m;
}

}  // namespace mosaic::host::research
