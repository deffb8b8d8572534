// What the host adds to each module call, measured with a module that does nothing.
// Target: <= 5 microseconds per call. The isolated case measures the round trip to a module
// in a child process (isolate = true).
#include "bench_pipeline.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace {

// One module per run, so each iteration is one module call plus the run's own bookkeeping
// (copying the data ports, the result): an upper bound on per-call cost.
void null_module_runs(benchmark::State& state, const std::string& module_table) {
  BenchPipeline b(R"(
[data]
prices = ")" MOSAIC_DATA_DIR R"(/spisector.csv"
[pipeline]
modules = ["null"]
)" + module_table,
                  MOSAIC_BENCH_PLUGIN_DIR);
  for (auto _ : state) {
    auto result = b.pipeline->run(b.ports, b.shape);
    benchmark::DoNotOptimize(result);
  }
  state.counters["calls_per_run"] = 1;
}

void null_module_calls(benchmark::State& state) { null_module_runs(state, ""); }
BENCHMARK(null_module_calls)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

void null_module_calls_isolated(benchmark::State& state) { null_module_runs(state, "[modules.null]\nisolate = true\n"); }
BENCHMARK(null_module_calls_isolated)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
