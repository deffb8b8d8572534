// What the host adds to each module call, measured with a module that does nothing.
// Target: <= 5 microseconds per call.
#include "bench_pipeline.hpp"

#include <benchmark/benchmark.h>

namespace {

void null_module_calls(benchmark::State& state) {
  // One module per run, so each iteration is one module call plus the run's own
  // bookkeeping (copying the data ports, the result): an upper bound on per-call cost.
  BenchPipeline b(R"(
[data]
prices = ")" MOSAIC_DATA_DIR R"(/spisector.csv"
[pipeline]
modules = ["null"]
)",
                  MOSAIC_BENCH_PLUGIN_DIR);
  for (auto _ : state) {
    auto result = b.pipeline->run(b.ports, b.shape);
    benchmark::DoNotOptimize(result);
  }
  state.counters["calls_per_run"] = 1;
}
BENCHMARK(null_module_calls)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

// The same with the module in a child process (isolate = true): the round trip of one call.
void null_module_calls_isolated(benchmark::State& state) {
  BenchPipeline b(R"(
[data]
prices = ")" MOSAIC_DATA_DIR R"(/spisector.csv"
[pipeline]
modules = ["null"]
[modules.null]
isolate = true
)",
                  MOSAIC_BENCH_PLUGIN_DIR);
  for (auto _ : state) {
    auto result = b.pipeline->run(b.ports, b.shape);
    benchmark::DoNotOptimize(result);
  }
  state.counters["calls_per_run"] = 1;
}
BENCHMARK(null_module_calls_isolated)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
