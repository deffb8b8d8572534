#include "host/research/lane_digest.hpp"

#include "host/research/returns_hash.hpp"

#include <cstring>
#include <stdexcept>

namespace mosaic::host::research {
namespace {

constexpr std::size_t L = kDigestLanes;
using Vec = double __attribute__((vector_size(L * sizeof(double))));
using Bits = uint64_t __attribute__((vector_size(L * sizeof(uint64_t))));

// By reference: a vector passed or returned by value would change the calling
// convention between the AVX2 and the default builds.
[[gnu::always_inline]] inline void load_row(Vec& v, const double* rows, std::size_t i) {
  std::memcpy(&v, rows + i * L, sizeof v);
}

// hash_returns' four partial states of every run, before the final mix: state j takes the
// returns i with i % 4 == j, and the last count % 4 returns go to state 0.
__attribute__((target_clones("avx2", "default"))) void hash_states(const double* rows, std::size_t count,
                                                                    uint64_t states[L][4]) {
  Bits s[4];
  for (std::size_t j = 0; j < 4; ++j) s[j] = Bits{} + kReturnsHashSeeds[j];
  auto bits = [rows](Bits& b, std::size_t i) __attribute__((always_inline)) {
    Vec x;
    load_row(x, rows, i);
    x += 0.0;  // -0.0 becomes 0.0, as in hash_returns
    b = (Bits)x;
  };
  Bits b;
  std::size_t i = 0;
  for (; i + 4 <= count; i += 4)
    for (uint64_t j = 0; j < 4; ++j) {
      bits(b, i + j);
      s[j] = (s[j] ^ b) * kReturnsHashPrime + j;
    }
  for (; i < count; ++i) {
    bits(b, i);
    s[0] = (s[0] ^ b) * kReturnsHashPrime;
  }
  for (std::size_t k = 0; k < L; ++k)
    for (std::size_t j = 0; j < 4; ++j) states[k][j] = s[j][k];
}

// Adds rows [0, rows) of G blocks, block l starting at at[l]: G chains of additions that
// overlap, each block's in row order.
template <std::size_t G>
[[gnu::always_inline]] inline void add_rows(const double* const at[G], std::size_t rows, Vec s[G], Vec ss[G]) {
  for (std::size_t r = 0; r < rows; ++r) {
#pragma GCC unroll 4
    for (std::size_t l = 0; l < G; ++l) {
      Vec x;
      load_row(x, at[l], r);
      s[l] += x;
      ss[l] += x * x;
    }
  }
}

// block_moments of every run: four blocks at a time, as there, each block adding its rows in order.
__attribute__((target_clones("avx2", "default"))) void moment_sums(const double* rows, std::size_t count,
                                                                    std::size_t blocks, double* sum, double* sumsq) {
  const std::size_t base = count / blocks, extra = count % blocks;
  auto first_row = [&](std::size_t s) { return rows + (s * base + (s < extra ? s : extra)) * L; };
  for (std::size_t g = 0; g < blocks; g += 4) {
    const std::size_t group = blocks - g < 4 ? blocks - g : 4;
    const double* at[4] = {};
    Vec s[4] = {}, ss[4] = {};
    for (std::size_t l = 0; l < group; ++l) at[l] = first_row(g + l);
    if (group == 4) {
      add_rows<4>(at, base, s, ss);
    } else {
      for (std::size_t l = 0; l < group; ++l) add_rows<1>(at + l, base, s + l, ss + l);
    }
    for (std::size_t l = 0; l < group; ++l) {
      if (g + l < extra) {  // the block's extra last row
        const double* last = at[l] + base * L;
        add_rows<1>(&last, 1, s + l, ss + l);
      }
      std::memcpy(sum + (g + l) * L, &s[l], sizeof s[l]);
      std::memcpy(sumsq + (g + l) * L, &ss[l], sizeof ss[l]);
    }
  }
}

}  // namespace

ReturnsDigest digest_returns(StridedReturns returns, std::size_t blocks) {
  return {hash_returns(returns), block_moments(returns, blocks)};
}

std::array<ReturnsDigest, kDigestLanes> digest_lanes(const double* rows, std::size_t count, std::size_t blocks) {
  if (blocks == 0) throw std::invalid_argument("digest_lanes: at least one block");
  uint64_t states[L][4];
  hash_states(rows, count, states);
  std::vector<double> sum(blocks * L), sumsq(blocks * L);  // [block * L + run]
  moment_sums(rows, count, blocks, sum.data(), sumsq.data());
  std::array<ReturnsDigest, L> out;
  for (std::size_t k = 0; k < L; ++k) {
    out[k].hash = finish_returns_hash(states[k], count);
    BlockMoments& m = out[k].moments;
    m.rows.resize(blocks);
    m.sum.resize(blocks);
    m.sumsq.resize(blocks);
    for (std::size_t s = 0; s < blocks; ++s) {
      m.rows[s] = static_cast<double>(block_rows(count, blocks, s));
      m.sum[s] = sum[s * L + k];
      m.sumsq[s] = sumsq[s * L + k];
    }
  }
  return out;
}

}  // namespace mosaic::host::research
