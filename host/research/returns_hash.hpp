// A fingerprint of a return stream, to tell which configurations are one strategy: two
// configurations whose in-sample returns are identical, bar for bar, trade the same book
// whatever their parameters say.
#pragma once

#include "host/research/strided_returns.hpp"

#include <cstddef>
#include <cstdint>

namespace mosaic::host::research {

// Equal for equal values (0.0 and -0.0 alike); different streams collide with probability
// about 2^-64. A few microseconds for ten thousand returns: cheap next to a backtest.
uint64_t hash_returns(StridedReturns returns);

// The hash's four partial states start at these seeds; each return x folds in as
// state = (state ^ bits(x + 0.0)) * kReturnsHashPrime + j (j the state's number; the last
// count % 4 returns go to state 0 without the + j).
inline constexpr uint64_t kReturnsHashSeeds[4] = {0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL,
                                                  0x94d049bb133111ebULL, 0x2545f4914f6cdd1dULL};
inline constexpr uint64_t kReturnsHashPrime = 0x100000001b3ULL;

// The hash from its four partial states over `count` returns: state j took the returns i with
// i % 4 == j, and the last count % 4 returns went to state 0 (digest_lanes keeps them per run).
uint64_t finish_returns_hash(const uint64_t states[4], std::size_t count);

}  // namespace mosaic::host::research
