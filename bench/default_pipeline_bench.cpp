// The bundled default pipeline (examples/default.toml) plus the backtest on spisector.csv,
// excluding process start and data load. Target: median <= 20 ms.
#include "bench_pipeline.hpp"

#include "host/backtest/metrics.hpp"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

namespace {

std::string default_config() {
  std::ifstream in(MOSAIC_SOURCE_DIR "/examples/default.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  // Paths in the file are relative to examples/; the bench parses it as if it were there.
  return ss.str();
}

void backtest(BenchPipeline& b, const mosaic::host::RunResult& result, std::vector<double>& weights) {
  const char* port = result.ports.contains("weights.final") ? "weights.final" : "weights.target";
  if (!result.ports.contains(port)) return;
  const auto& v = result.ports.at(port);
  mosaic::PanelView w(v.batch->schema(), v.batch->array(), port);
  for (size_t a = 0; a < w.assets(); ++a)
    std::copy(w.column(a).begin(), w.column(a).end(), weights.begin() + static_cast<long>(a * b.data.bars()));
  mosaic::host::BacktestInput in{b.data.bars(), b.data.assets(), b.data.fields.at("close"), weights};
  auto bt = mosaic::host::run_backtest(in, b.config.backtest);
  benchmark::DoNotOptimize(mosaic::host::compute_metrics(bt, b.config.backtest));
}

// The same pipeline instance run again and again: modules may reuse what they computed in
// earlier runs on the same data (the regime module reuses its fits).
void warm_pipeline_and_backtest(benchmark::State& state) {
  BenchPipeline b(default_config(), MOSAIC_PLUGIN_DIR, MOSAIC_SOURCE_DIR "/examples/default.toml");
  std::vector<double> weights(b.data.bars() * b.data.assets());
  for (auto _ : state) {
    auto result = b.pipeline->run(b.ports, b.shape);
    if (result.degraded()) state.SkipWithError(result.degraded_reasons.front().c_str());
    backtest(b, result, weights);
    benchmark::DoNotOptimize(result);
  }
  for (const auto& name : b.pipeline->order())
    state.counters[name + "_p50_ms"] = b.pipeline->stats(name).latency_percentile(50);
}
BENCHMARK(warm_pipeline_and_backtest)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// New module instances every iteration (libraries already loaded, data already read): the
// cost of a first run, with every model fitted from scratch.
void fresh_pipeline_and_backtest(benchmark::State& state) {
  BenchPipeline b(default_config(), MOSAIC_PLUGIN_DIR, MOSAIC_SOURCE_DIR "/examples/default.toml");
  std::vector<double> weights(b.data.bars() * b.data.assets());
  for (auto _ : state) {
    auto pipeline = b.fresh();
    auto result = pipeline->run(b.ports, b.shape);
    if (result.degraded()) state.SkipWithError(result.degraded_reasons.front().c_str());
    backtest(b, result, weights);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(fresh_pipeline_and_backtest)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
