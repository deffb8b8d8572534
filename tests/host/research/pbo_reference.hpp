// The CSCV as it was before the search kept block moments (host/research/pbo.cpp at 4bf773d):
// a periods x configs matrix in, every combination's halves summed from per-block sums. The
// moment-based kernel must agree with it; kept here, unchanged but for names, as the witness.
#pragma once

#include "host/research/pbo.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

namespace mosaic_test {

inline double reference_sharpe_from_sums(double sum, double sumsq, double count) {
  const double mean = sum / count;
  double var = (sumsq - sum * mean) / (count - 1);
  // Cancellation can leave a tiny residue for constant returns.
  if (var <= 1e-300 || var <= 1e-14 * (sumsq / count)) var = 0;
  if (var == 0) {
    if (mean > 0) return std::numeric_limits<double>::infinity();
    if (mean < 0) return -std::numeric_limits<double>::infinity();
    return 0.0;
  }
  return mean / std::sqrt(var);
}

inline mosaic::host::research::PboResult reference_pbo(std::span<const double> returns, std::size_t periods,
                                                       std::size_t configs, std::size_t blocks) {
  if (configs < 2) throw std::invalid_argument("pbo: need at least 2 configurations");
  if (blocks < 2 || blocks % 2 != 0) throw std::invalid_argument("pbo: the number of blocks must be even and >= 2");
  if (blocks > 30) throw std::invalid_argument("pbo: at most 30 blocks");
  if (returns.size() != periods * configs) throw std::invalid_argument("pbo: returns size is not periods x configs");
  // Each half holds S/2 blocks of at least T/S rows; it needs 2 rows for a sample sd.
  if ((periods / blocks) * (blocks / 2) < 2) throw std::invalid_argument("pbo: too few periods for the blocks");
  for (double r : returns)
    if (!std::isfinite(r)) throw std::invalid_argument("pbo: non-finite return");

  // Per block and configuration: sum and sum of squares; rows per block.
  const std::size_t S = blocks, N = configs;
  std::vector<double> sum(S * N, 0.0), sumsq(S * N, 0.0);
  std::vector<double> rows(S, 0.0);
  const std::size_t base = periods / S, extra = periods % S;
  std::size_t t = 0;
  for (std::size_t s = 0; s < S; ++s) {
    const std::size_t len = base + (s < extra ? 1 : 0);
    rows[s] = static_cast<double>(len);
    for (std::size_t k = 0; k < len; ++k, ++t)
      for (std::size_t n = 0; n < N; ++n) {
        const double r = returns[t * N + n];
        sum[s * N + n] += r;
        sumsq[s * N + n] += r * r;
      }
  }

  mosaic::host::research::PboResult result;
  std::vector<double> is_sum(N), is_sq(N), oos_sum(N), oos_sq(N);
  std::size_t overfit = 0;
  const std::uint32_t end = 1u << S;
  for (std::uint32_t mask = 0; mask < end; ++mask) {
    if (static_cast<std::size_t>(std::popcount(mask)) != S / 2) continue;
    double is_rows = 0, oos_rows = 0;
    std::fill(is_sum.begin(), is_sum.end(), 0.0);
    std::fill(is_sq.begin(), is_sq.end(), 0.0);
    std::fill(oos_sum.begin(), oos_sum.end(), 0.0);
    std::fill(oos_sq.begin(), oos_sq.end(), 0.0);
    for (std::size_t s = 0; s < S; ++s) {
      const bool in = (mask >> s) & 1u;
      auto& su = in ? is_sum : oos_sum;
      auto& sq = in ? is_sq : oos_sq;
      (in ? is_rows : oos_rows) += rows[s];
      for (std::size_t n = 0; n < N; ++n) {
        su[n] += sum[s * N + n];
        sq[n] += sumsq[s * N + n];
      }
    }
    std::size_t best = 0;
    double best_sr = -std::numeric_limits<double>::infinity();
    for (std::size_t n = 0; n < N; ++n) {
      const double sr = reference_sharpe_from_sums(is_sum[n], is_sq[n], is_rows);
      if (n == 0 || sr > best_sr) {
        best = n;
        best_sr = sr;
      }
    }
    const double chosen = reference_sharpe_from_sums(oos_sum[best], oos_sq[best], oos_rows);
    double below = 0, ties = 0;
    for (std::size_t n = 0; n < N; ++n) {
      if (n == best) continue;
      const double sr = reference_sharpe_from_sums(oos_sum[n], oos_sq[n], oos_rows);
      if (sr < chosen) below += 1;
      else if (sr == chosen) ties += 1;
    }
    const double rank = 1 + below + ties / 2;
    const double omega = rank / (static_cast<double>(N) + 1);
    const double lambda = std::log(omega / (1 - omega));
    result.logits.push_back(lambda);
    if (lambda <= 0) ++overfit;
  }
  result.combinations = result.logits.size();
  result.pbo = static_cast<double>(overfit) / static_cast<double>(result.combinations);
  return result;
}

}  // namespace mosaic_test
