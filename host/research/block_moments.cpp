#include "host/research/block_moments.hpp"

#include <stdexcept>

namespace mosaic::host::research {

std::size_t block_rows(std::size_t periods, std::size_t blocks, std::size_t block) {
  return periods / blocks + (block < periods % blocks ? 1 : 0);
}

BlockMoments block_moments(std::span<const double> returns, std::size_t blocks) {
  if (blocks == 0) throw std::invalid_argument("block_moments: at least one block");
  BlockMoments m;
  m.rows.resize(blocks);
  m.sum.assign(blocks, 0.0);
  m.sumsq.assign(blocks, 0.0);
  std::size_t t = 0;
  for (std::size_t s = 0; s < blocks; ++s) {
    const std::size_t len = block_rows(returns.size(), blocks, s);
    m.rows[s] = static_cast<double>(len);
    double sum = 0, sumsq = 0;
    for (std::size_t k = 0; k < len; ++k, ++t) {
      sum += returns[t];
      sumsq += returns[t] * returns[t];
    }
    m.sum[s] = sum;
    m.sumsq[s] = sumsq;
  }
  return m;
}

}  // namespace mosaic::host::research
