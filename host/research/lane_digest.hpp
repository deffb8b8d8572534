// What a search keeps of a configuration's returns (its hash, to tell strategies apart, and
// its CSCV block moments, for the PBO), taken for the runs of one measure_lanes call in one
// read of their interleaved returns instead of two strided reads per run.
#pragma once

#include "host/backtest/evaluator.hpp"
#include "host/research/block_moments.hpp"
#include "host/research/strided_returns.hpp"

#include <array>
#include <cstdint>

namespace mosaic::host::research {

struct ReturnsDigest {
  uint64_t hash = 0;  // hash_returns
  BlockMoments moments;
};

// hash_returns and block_moments of one run's returns. `blocks` >= 1.
ReturnsDigest digest_returns(StridedReturns returns, std::size_t blocks);

constexpr std::size_t kDigestLanes = Backtester::kLanes;

// rows[i * kDigestLanes + k] is run k's i-th return, `count` returns a run: each run's
// digest_returns, bit for bit (each block still sums its rows in order). `blocks` >= 1.
std::array<ReturnsDigest, kDigestLanes> digest_lanes(const double* rows, std::size_t count, std::size_t blocks);

}  // namespace mosaic::host::research
