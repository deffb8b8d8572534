// The PBO kernel (CSCV, S = 16, 12,870 combinations) on block-moment tables of 4,263
// configurations (the SMA sweep) and 39,000 (a long genetic run), on 1 and 2 threads.
#include "host/research/pbo.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

namespace {

using namespace mosaic::host::research;

// Moments as daily returns of sd 1% and a small per-config drift would give over 5,549 bars.
MomentTable table(size_t configs) {
  constexpr size_t kBlocks = 16, kPeriods = 5549;
  std::mt19937_64 rng(42);
  std::normal_distribution<double> z(0.0, 1.0);
  MomentTable m;
  m.configs = configs;
  for (size_t s = 0; s < kBlocks; ++s) m.rows.push_back(static_cast<double>(block_rows(kPeriods, kBlocks, s)));
  m.sum.resize(kBlocks * configs);
  m.sumsq.resize(kBlocks * configs);
  for (size_t n = 0; n < configs; ++n) {
    const double drift = 2e-4 * z(rng), sd = 0.01 * (1 + 0.2 * std::abs(z(rng)));
    for (size_t s = 0; s < kBlocks; ++s) {
      const double rows = m.rows[s];
      const double sum = drift * rows + sd * std::sqrt(rows) * z(rng);
      m.sum[s * configs + n] = sum;
      m.sumsq[s * configs + n] = sd * sd * (rows - 1) * (1 + 0.05 * z(rng)) + sum * sum / rows;
    }
  }
  return m;
}

void pbo_kernel(benchmark::State& state) {
  const MomentTable m = table(static_cast<size_t>(state.range(0)));
  const int threads = static_cast<int>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(probability_of_backtest_overfitting(m, threads));
  state.counters["configs"] = static_cast<double>(m.configs);
  state.counters["threads"] = threads;
}
BENCHMARK(pbo_kernel)
    ->ArgsProduct({{4263, 39000}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
