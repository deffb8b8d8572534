#include "host/research/config_evaluator.hpp"

#include "host/backtest/window.hpp"
#include "host/pipeline/weights_port.hpp"

#include <fmt/format.h>

#include <climits>

namespace mosaic::host::research {

ConfigEvaluator::ConfigEvaluator(const PipelineRecipe& recipe, std::shared_ptr<OutputCache> cache)
    // A failing configuration is a result of the search, not a module to bench: no quarantine.
    : pipeline_(std::make_unique<Pipeline>(recipe.setups, recipe.order, INT_MAX)) {
  pipeline_->set_cache(std::move(cache), false);
}

Evaluation ConfigEvaluator::evaluate(const Candidate& c, const EvalData& data) {
  return evaluate_full(c, data, nullptr);
}

Evaluation ConfigEvaluator::evaluate_full(const Candidate& c, const EvalData& data, BacktestResult* full) {
  for (const auto& name : pipeline_->order()) {
    auto on = c.enabled.find(name);
    pipeline_->set_enabled(name, on == c.enabled.end() || on->second);
    auto params = c.params.find(name);
    if (params != c.params.end()) pipeline_->reconfigure(name, params->second);
  }
  Evaluation e;
  const RunResult run = pipeline_->run(data.ports, data.shape);
  if (run.degraded()) {
    for (const auto& r : run.degraded_reasons) e.error += (e.error.empty() ? "" : "; ") + r;
    return e;
  }
  const MarketData& m = data.market;
  std::optional<WeightsMatrix> w;
  try {
    w = run_weights(run.ports, m.bars(), m.assets());
  } catch (const std::runtime_error& err) {
    e.error = err.what();
    return e;
  }
  if (!w) {
    e.error = "no weights.final or weights.target port";
    return e;
  }
  BacktestInput input{m.bars(), m.assets(), m.fields.at("close"), w->values};
  BacktestResult result = run_backtest(input, data.settings);
  if (data.score_from > 0) {
    BacktestResult window = backtest_window(result, data.score_from, result.bars);
    e.metrics = compute_metrics(window, data.settings);
    e.returns.assign(window.returns.begin() + 1, window.returns.end());
  } else {
    e.metrics = compute_metrics(result, data.settings);
    if (!result.returns.empty()) e.returns.assign(result.returns.begin() + 1, result.returns.end());
  }
  e.ok = true;
  if (full) *full = std::move(result);
  return e;
}

}  // namespace mosaic::host::research
