// The technical module computing every indicator it offers, and its signal, on
// spisector.csv (2,216 days x 10 assets), through the real host. Target: median <= 1 ms.
// The same with isolate = true measures what crash isolation adds to a call: the inputs
// written to shared memory, two messages, the outputs copied back into host blocks.
#include "bench_pipeline.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace {

const std::string kConfig = R"(
[data]
prices = ")" MOSAIC_DATA_DIR R"(/spisector.csv"
[pipeline]
modules = ["technical"]
[modules.technical.params]
emit = "sma:20,ema:20,rsi:14,macd:12:26:9,bb:20:2,atr:14,roc:20,zscore:20"
)";

void technical_runs(benchmark::State& state, const std::string& module_table) {
  BenchPipeline b(kConfig + module_table, MOSAIC_PLUGIN_DIR);
  for (auto _ : state) {
    auto result = b.pipeline->run(b.ports, b.shape);
    if (result.degraded()) state.SkipWithError(result.degraded_reasons.front().c_str());
    benchmark::DoNotOptimize(result);
  }
  // The module's own wall time as the host measured it, apart from port bookkeeping.
  const auto& st = b.pipeline->stats("technical");
  state.counters["module_p50_ms"] = st.latency_percentile(50);
  state.counters["outputs"] = 17;
}

void technical_all_indicators(benchmark::State& state) { technical_runs(state, ""); }
BENCHMARK(technical_all_indicators)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void technical_all_indicators_isolated(benchmark::State& state) {
  technical_runs(state, "[modules.technical]\nisolate = true\n");
}
BENCHMARK(technical_all_indicators_isolated)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
