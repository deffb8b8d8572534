// A search's backtest of one configuration: Backtester::measure one run at a time against
// measure_lanes four at a time, per run. One asset over 5,549 bars (the SMA sweep's shape,
// long or flat in stretches) and ten assets over 2,216 bars (the default example's shape).
// Then what a search keeps of the four runs' returns: their hashes and 16 CSCV block moments,
// run by run against digest_lanes.
#include "host/backtest/evaluator.hpp"
#include "host/backtest/metrics.hpp"
#include "host/research/lane_digest.hpp"

#include <benchmark/benchmark.h>

#include <random>
#include <span>
#include <vector>

namespace {

using namespace mosaic::host;

struct Book {
  std::vector<double> close;
  std::vector<std::vector<double>> weights;  // four runs
};

// Random-walk prices; each run holds 1 / assets of every asset or nothing, switching in
// stretches (a crossover's book), so equity makes new peaks as often as a strategy's does.
Book book(size_t bars, size_t assets) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Book b;
  b.close.resize(bars * assets);
  for (size_t a = 0; a < assets; ++a) {
    double price = 100.0;
    for (size_t t = 0; t < bars; ++t) b.close[a * bars + t] = price *= 1.0 + 0.02 * (u(rng) - 0.5);
  }
  for (size_t run = 0; run < Backtester::kLanes; ++run) {
    std::vector<double> w(bars * assets);
    for (size_t a = 0; a < assets; ++a) {
      double held = 1.0 / static_cast<double>(assets);
      for (size_t t = 0; t < bars; ++t) {
        if (u(rng) < 0.03) held = held > 0 ? 0.0 : 1.0 / static_cast<double>(assets);
        w[a * bars + t] = held;
      }
    }
    b.weights.push_back(std::move(w));
  }
  return b;
}

void one_at_a_time(benchmark::State& state) {
  const size_t bars = static_cast<size_t>(state.range(0)), assets = static_cast<size_t>(state.range(1));
  const Book b = book(bars, assets);
  const Backtester backtester(bars, assets, b.close);
  Backtester::Series series;
  for (auto _ : state)
    for (const auto& w : b.weights) benchmark::DoNotOptimize(backtester.measure(w, {}, series));
  state.counters["us_per_run"] =
      benchmark::Counter(static_cast<double>(state.iterations() * Backtester::kLanes),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::kIs1000);
}

void four_abreast(benchmark::State& state) {
  const size_t bars = static_cast<size_t>(state.range(0)), assets = static_cast<size_t>(state.range(1));
  const Book b = book(bars, assets);
  const Backtester backtester(bars, assets, b.close);
  const std::vector<std::span<const double>> runs(b.weights.begin(), b.weights.end());
  Backtester::LaneSeries lanes;
  Metrics metrics[Backtester::kLanes];
  for (auto _ : state) {
    backtester.measure_lanes(runs, {}, lanes, metrics);
    benchmark::DoNotOptimize(metrics);
  }
  state.counters["us_per_run"] =
      benchmark::Counter(static_cast<double>(state.iterations() * Backtester::kLanes),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::kIs1000);
}

// The four runs' interleaved returns, as measure_lanes leaves them.
std::vector<double> lane_returns(size_t bars) {
  const Book b = book(bars, 1);
  const Backtester backtester(bars, 1, b.close);
  const std::vector<std::span<const double>> runs(b.weights.begin(), b.weights.end());
  Backtester::LaneSeries lanes;
  Metrics metrics[Backtester::kLanes];
  backtester.measure_lanes(runs, {}, lanes, metrics);
  return lanes.returns;
}

void digest_run_by_run(benchmark::State& state) {
  const size_t bars = static_cast<size_t>(state.range(0));
  const std::vector<double> returns = lane_returns(bars);
  for (auto _ : state)
    for (size_t k = 0; k < Backtester::kLanes; ++k) {
      const mosaic::host::research::StridedReturns r(returns.data() + Backtester::kLanes + k, bars - 1,
                                                     Backtester::kLanes);
      benchmark::DoNotOptimize(mosaic::host::research::digest_returns(r, 16));
    }
  state.counters["us_per_run"] =
      benchmark::Counter(static_cast<double>(state.iterations() * Backtester::kLanes),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::kIs1000);
}

void digest_four_abreast(benchmark::State& state) {
  const size_t bars = static_cast<size_t>(state.range(0));
  const std::vector<double> returns = lane_returns(bars);
  for (auto _ : state)
    benchmark::DoNotOptimize(mosaic::host::research::digest_lanes(returns.data() + Backtester::kLanes, bars - 1, 16));
  state.counters["us_per_run"] =
      benchmark::Counter(static_cast<double>(state.iterations() * Backtester::kLanes),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::kIs1000);
}

}  // namespace

BENCHMARK(digest_run_by_run)->Arg(5549)->Unit(benchmark::kMicrosecond);
BENCHMARK(digest_four_abreast)->Arg(5549)->Unit(benchmark::kMicrosecond);
BENCHMARK(one_at_a_time)->Args({5549, 1})->Args({2216, 10})->Unit(benchmark::kMicrosecond);
BENCHMARK(four_abreast)->Args({5549, 1})->Args({2216, 10})->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
