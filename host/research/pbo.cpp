#include "host/research/pbo.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <thread>

namespace mosaic::host::research {

namespace {

void check(const MomentTable& m) {
  const std::size_t S = m.blocks(), N = m.configs;
  if (N < 2) throw std::invalid_argument("pbo: need at least 2 configurations");
  if (S < 2 || S % 2 != 0) throw std::invalid_argument("pbo: the number of blocks must be even and >= 2");
  // C(S, S/2) combinations: 2.7 million at 24, 155 million (and gigabytes of state) at 30.
  if (S > 24) throw std::invalid_argument("pbo: at most 24 blocks");
  if (m.sum.size() != S * N || m.sumsq.size() != S * N)
    throw std::invalid_argument("pbo: the moment table is not blocks x configs");
  // Each half holds S/2 blocks of at least T/S rows; it needs 2 rows for a sample sd.
  if (*std::min_element(m.rows.begin(), m.rows.end()) * static_cast<double>(S / 2) < 2)
    throw std::invalid_argument("pbo: too few periods for the blocks");
  for (std::size_t i = 0; i < S * N; ++i)
    if (!std::isfinite(m.sum[i]) || !std::isfinite(m.sumsq[i])) throw std::invalid_argument("pbo: non-finite return");
}

// A monotone stand-in for the Sharpe ratio mean / sd: its signed square, mean * |mean| / var,
// which needs no square root and ranks and ties configurations the same way. Zero variance
// (cancellation can leave a tiny residue for constant returns) gives +inf, -inf or 0 by the
// sign of the mean, as the Sharpe ratio would. Branch-free, so the loops over configurations
// vectorise.
inline double signed_sharpe_squared(double sum, double sumsq, double inv_n, double inv_n1) {
  const double mean = sum * inv_n;
  const double var = (sumsq - sum * mean) * inv_n1;
  const bool zero = (var <= 1e-300) | (var <= 1e-14 * sumsq * inv_n);
  const double limit = mean > 0 ? std::numeric_limits<double>::infinity()
                                : (mean < 0 ? -std::numeric_limits<double>::infinity() : 0.0);
  return zero ? limit : mean * std::abs(mean) / var;
}

// The table rows one combination reads: A = low + high, B = total - A.
struct Rows {
  const double *low_sum, *low_sq, *high_sum, *high_sq, *total_sum, *total_sq;
};

// The hot loops are built for AVX-512 and AVX2 too and picked at load time on a CPU that
// has them; the arithmetic is the same in every build (the file is compiled without FMA
// contraction, which AVX-512 would otherwise allow).
#define MOSAIC_PBO_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

MOSAIC_PBO_CLONES void both_halves(const Rows& r, std::size_t count, const double a_inv[2], const double b_inv[2],
                                   double* __restrict xa, double* __restrict xb) {
  for (std::size_t k = 0; k < count; ++k) {
    const double as = r.low_sum[k] + r.high_sum[k], aq = r.low_sq[k] + r.high_sq[k];
    xa[k] = signed_sharpe_squared(as, aq, a_inv[0], a_inv[1]);
    xb[k] = signed_sharpe_squared(r.total_sum[k] - as, r.total_sq[k] - aq, b_inv[0], b_inv[1]);
  }
}

// The largest value, with four independent maxima so the compares do not wait on each other.
double max_of(const double* x, std::size_t count) {
  const double low = -std::numeric_limits<double>::infinity();
  double m0 = low, m1 = low, m2 = low, m3 = low;
  std::size_t k = 0;
  for (; k + 4 <= count; k += 4) {
    m0 = x[k] > m0 ? x[k] : m0;
    m1 = x[k + 1] > m1 ? x[k + 1] : m1;
    m2 = x[k + 2] > m2 ? x[k + 2] : m2;
    m3 = x[k + 3] > m3 ? x[k + 3] : m3;
  }
  for (; k < count; ++k) m0 = x[k] > m0 ? x[k] : m0;
  return std::max(std::max(m0, m1), std::max(m2, m3));
}

// How many values are below `value`, and how many equal it.
MOSAIC_PBO_CLONES void count_against(const double* __restrict x, std::size_t count, double value, double* below,
                                     double* ties) {
  // Integer counts: a sum of doubles would be one long chain of dependent additions.
  std::int64_t b = 0, t = 0;
  for (std::size_t k = 0; k < count; ++k) {
    b += x[k] < value;
    t += x[k] == value;
  }
  *below += static_cast<double>(b);
  *ties += static_cast<double>(t);
}

// Each half's sums for a tile of configurations come from two subset-sum tables: the blocks
// are split into a low and a high group, and for every subset of a group the table holds,
// per configuration, the sum over those blocks. Half A of a combination is then one low row
// plus one high row, and half B the total minus A: 4 additions per configuration instead of
// 2 x S. (Summing in another order than block by block moves the sums by rounding only.)
class TileTables {
 public:
  TileTables(const MomentTable& m, std::size_t low_bits, std::size_t tile)
      : S_(m.blocks()), low_bits_(low_bits), tile_(tile) {
    low_sum_.resize((std::size_t{1} << low_bits_) * tile_);
    low_sq_.resize(low_sum_.size());
    high_sum_.resize((std::size_t{1} << (S_ - low_bits_)) * tile_);
    high_sq_.resize(high_sum_.size());
    total_sum_.resize(tile_);
    total_sq_.resize(tile_);
  }

  // Fills the tables for configurations [first, first + count), count <= tile.
  void fill(const MomentTable& m, std::size_t first, std::size_t count) {
    count_ = count;
    fill_group(m, first, 0, low_bits_, low_sum_, low_sq_);
    fill_group(m, first, low_bits_, S_ - low_bits_, high_sum_, high_sq_);
    const std::size_t low_all = (std::size_t{1} << low_bits_) - 1, high_all = (std::size_t{1} << (S_ - low_bits_)) - 1;
    for (std::size_t k = 0; k < count_; ++k) {
      total_sum_[k] = low_sum_[low_all * tile_ + k] + high_sum_[high_all * tile_ + k];
      total_sq_[k] = low_sq_[low_all * tile_ + k] + high_sq_[high_all * tile_ + k];
    }
  }

  std::size_t count() const { return count_; }

  // Both halves' stand-ins for every configuration of the tile, half A being `mask`.
  void halves(std::uint32_t mask, const double a_inv[2], const double b_inv[2], double* xa, double* xb) const {
    const std::size_t lo = mask & ((1u << low_bits_) - 1), hi = mask >> low_bits_;
    const Rows a{low_sum_.data() + lo * tile_, low_sq_.data() + lo * tile_, high_sum_.data() + hi * tile_,
                 high_sq_.data() + hi * tile_, total_sum_.data(), total_sq_.data()};
    both_halves(a, count_, a_inv, b_inv, xa, xb);
  }

 private:
  void fill_group(const MomentTable& m, std::size_t first, std::size_t from, std::size_t bits,
                  std::vector<double>& sum, std::vector<double>& sq) const {
    const std::size_t N = m.configs;
    std::fill_n(sum.begin(), count_, 0.0);
    std::fill_n(sq.begin(), count_, 0.0);
    for (std::size_t row = 1; row < (std::size_t{1} << bits); ++row) {
      const std::size_t top = std::bit_width(row) - 1, rest = row ^ (std::size_t{1} << top);
      const double* bs = m.sum.data() + (from + top) * N + first;
      const double* bq = m.sumsq.data() + (from + top) * N + first;
      for (std::size_t k = 0; k < count_; ++k) {
        sum[row * tile_ + k] = sum[rest * tile_ + k] + bs[k];
        sq[row * tile_ + k] = sq[rest * tile_ + k] + bq[k];
      }
    }
  }

  std::size_t S_, low_bits_, tile_, count_ = 0;
  std::vector<double> low_sum_, low_sq_, high_sum_, high_sq_, total_sum_, total_sq_;
};

// What one pair of combinations (A in sample, and its complement B in sample) accumulates
// over the tiles: each side's in-sample winner with its out-of-sample stand-in, then how
// many configurations sit below and level with that value out of sample.
struct PairState {
  std::size_t best_a = SIZE_MAX, best_b = SIZE_MAX;
  double best_xa = 0, best_xb = 0;  // the winners' in-sample values
  double chosen_a = 0, chosen_b = 0;  // A's winner's value in B; B's winner's value in A
  double below_a = 0, ties_a = 0, below_b = 0, ties_b = 0;
};

double logit(double below, double ties_with_self, std::size_t configs) {
  const double rank = 1 + below + (ties_with_self - 1) / 2;
  const double omega = rank / (static_cast<double>(configs) + 1);
  return std::log(omega / (1 - omega));
}

}  // namespace

MomentTable moment_table(std::span<const BlockMoments* const> configs) {
  MomentTable m;
  m.configs = configs.size();
  if (configs.empty()) return m;
  m.rows = configs.front()->rows;
  const std::size_t S = m.rows.size(), N = m.configs;
  m.sum.resize(S * N);
  m.sumsq.resize(S * N);
  for (std::size_t n = 0; n < N; ++n) {
    const BlockMoments& c = *configs[n];
    if (c.rows != m.rows) throw std::invalid_argument("pbo: the configurations' return series differ in length");
    for (std::size_t s = 0; s < S; ++s) {
      m.sum[s * N + n] = c.sum[s];
      m.sumsq[s * N + n] = c.sumsq[s];
    }
  }
  return m;
}

PboResult probability_of_backtest_overfitting(const MomentTable& m, int threads) {
  check(m);
  const std::size_t S = m.blocks();
  std::vector<std::uint32_t> masks;  // ascending; the complement of masks[k] is masks[C-1-k]
  for (std::uint32_t mask = 0; mask < (1u << S); ++mask)
    if (static_cast<std::size_t>(std::popcount(mask)) == S / 2) masks.push_back(mask);
  const std::size_t C = masks.size(), pairs = C / 2;

  // Tiles of configurations small enough that their tables stay in a core's cache.
  const std::size_t low_bits = S / 2;
  const std::size_t rows = (std::size_t{1} << low_bits) + (std::size_t{1} << (S - low_bits));
  const std::size_t tile = std::clamp<std::size_t>((std::size_t{512} << 10) / (rows * 2 * sizeof(double)), 8, 1024);
  const std::size_t N = m.configs;

  std::vector<PairState> state(pairs);
  std::vector<std::array<double, 4>> inv(pairs);  // A's 1/n, 1/(n-1); B's
  for (std::size_t p = 0; p < pairs; ++p) {
    double a_rows = 0, b_rows = 0;
    for (std::size_t s = 0; s < S; ++s) ((masks[p] >> s) & 1u ? a_rows : b_rows) += m.rows[s];
    inv[p] = {1 / a_rows, 1 / (a_rows - 1), 1 / b_rows, 1 / (b_rows - 1)};
  }
  // Two sweeps over the tiles: the first finds each combination's in-sample winner (lowest
  // index on ties) and its out-of-sample value; the second ranks that value among all. Both
  // compute the values with the same code, so the winner ties with itself exactly.
  const std::size_t workers = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1, pairs);
  auto work = [&](std::size_t w) {
    TileTables tables(m, low_bits, tile);
    std::vector<double> xa(tile), xb(tile);
    for (int sweep = 0; sweep < 2; ++sweep)
      for (std::size_t first = 0; first < N; first += tile) {
        tables.fill(m, first, std::min(tile, N - first));
        const std::size_t count = tables.count();
        for (std::size_t p = w; p < pairs; p += workers) {
          tables.halves(masks[p], &inv[p][0], &inv[p][2], xa.data(), xb.data());
          PairState& st = state[p];
          if (sweep == 0) {
            // The first tile's first configuration always becomes the winner; after that only
            // a strictly larger value replaces it (lowest index on ties).
            const double ma = max_of(xa.data(), count), mb = max_of(xb.data(), count);
            if (st.best_a == SIZE_MAX || ma > st.best_xa) {
              const std::size_t k = static_cast<std::size_t>(std::find(xa.begin(), xa.begin() + count, ma) - xa.begin());
              st.best_a = first + k;
              st.best_xa = ma;
              st.chosen_a = xb[k];
            }
            if (st.best_b == SIZE_MAX || mb > st.best_xb) {
              const std::size_t k = static_cast<std::size_t>(std::find(xb.begin(), xb.begin() + count, mb) - xb.begin());
              st.best_b = first + k;
              st.best_xb = mb;
              st.chosen_b = xa[k];
            }
          } else {
            count_against(xb.data(), count, st.chosen_a, &st.below_a, &st.ties_a);
            count_against(xa.data(), count, st.chosen_b, &st.below_b, &st.ties_b);
          }
        }
      }
  };
  if (workers == 1) {
    work(0);
  } else {
    std::vector<std::jthread> pool;
    for (std::size_t w = 0; w < workers; ++w) pool.emplace_back(work, w);
  }

  PboResult result;
  result.logits.resize(C);
  for (std::size_t p = 0; p < pairs; ++p) {
    result.logits[p] = logit(state[p].below_a, state[p].ties_a, N);
    result.logits[C - 1 - p] = logit(state[p].below_b, state[p].ties_b, N);
  }
  result.combinations = C;
  const auto overfit = std::count_if(result.logits.begin(), result.logits.end(), [](double l) { return l <= 0; });
  result.pbo = static_cast<double>(overfit) / static_cast<double>(C);
  return result;
}

PboResult probability_of_backtest_overfitting(std::span<const double> returns, std::size_t periods,
                                              std::size_t configs, std::size_t blocks, int threads) {
  if (returns.size() != periods * configs) throw std::invalid_argument("pbo: returns size is not periods x configs");
  if (blocks == 0) throw std::invalid_argument("pbo: the number of blocks must be even and >= 2");
  MomentTable m;
  m.configs = configs;
  m.rows.resize(blocks);
  m.sum.assign(blocks * configs, 0.0);
  m.sumsq.assign(blocks * configs, 0.0);
  std::size_t t = 0;
  for (std::size_t s = 0; s < blocks; ++s) {
    const std::size_t len = block_rows(periods, blocks, s);
    m.rows[s] = static_cast<double>(len);
    for (std::size_t k = 0; k < len; ++k, ++t)
      for (std::size_t n = 0; n < configs; ++n) {
        const double r = returns[t * configs + n];
        m.sum[s * configs + n] += r;
        m.sumsq[s * configs + n] += r * r;
      }
  }
  return probability_of_backtest_overfitting(m, threads);
}

}  // namespace mosaic::host::research
