#include "host/research/returns_hash.hpp"

#include <cstring>

namespace mosaic::host::research {
namespace {

uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

uint64_t bits(double x) {
  x += 0.0;  // -0.0 becomes 0.0: a flat bar is a flat bar whatever its sign
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

}  // namespace

uint64_t hash_returns(StridedReturns returns) {
  // Four independent lanes, so the multiplications overlap instead of waiting on each other.
  uint64_t lane[4] = {kReturnsHashSeeds[0], kReturnsHashSeeds[1], kReturnsHashSeeds[2], kReturnsHashSeeds[3]};
  const size_t n = returns.size();
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (size_t k = 0; k < 4; ++k) lane[k] = (lane[k] ^ bits(returns[i + k])) * kReturnsHashPrime + k;
  for (; i < n; ++i) lane[0] = (lane[0] ^ bits(returns[i])) * kReturnsHashPrime;
  return finish_returns_hash(lane, n);
}

uint64_t finish_returns_hash(const uint64_t states[4], std::size_t count) {
  uint64_t h = mix(count);
  for (size_t j = 0; j < 4; ++j) h = mix(h ^ mix(states[j]));
  return h;
}

}  // namespace mosaic::host::research
