#include "host/research/config_evaluator.hpp"

#include "host/backtest/window.hpp"
#include "host/pipeline/weights_port.hpp"
#include "host/research/market_backtester.hpp"

#include <fmt/format.h>

#include <climits>

namespace mosaic::host::research {

ConfigEvaluator::ConfigEvaluator(const PipelineRecipe& recipe, std::shared_ptr<OutputCache> cache)
    // A failing configuration is a result of the search, not a module to bench: no quarantine.
    : pipeline_(std::make_unique<Pipeline>(recipe.setups, recipe.order, INT_MAX)), order_(pipeline_->order()) {
  pipeline_->set_cache(std::move(cache), false);
  pipeline_->set_searched(recipe.searched);
  pipeline_->set_log_sla(false);
}

Evaluation ConfigEvaluator::evaluate(const Candidate& c, const EvalData& data) {
  Evaluation e = run(c, data, false);
  if (e.ok) {
    const auto r = scored_returns();
    e.returns.assign(r.begin(), r.end());
  }
  return e;
}

Evaluation ConfigEvaluator::measure(const Candidate& c, const EvalData& data) { return run(c, data, false); }

Evaluation ConfigEvaluator::evaluate_full(const Candidate& c, const EvalData& data, BacktestResult* full) {
  Evaluation e = run(c, data, full != nullptr);
  if (e.ok) {
    const auto r = scored_returns();
    e.returns.assign(r.begin(), r.end());
    if (full) *full = result_;
  }
  return e;
}

std::span<const double> ConfigEvaluator::scored_returns() const {
  if (!scored_ || scored_->empty()) return {};
  return std::span<const double>(*scored_).subspan(1);
}

Evaluation ConfigEvaluator::run(const Candidate& c, const EvalData& data, bool series) {
  scored_ = nullptr;
  for (const auto& name : order_) {
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
  std::optional<WeightsView> w;
  try {
    w = run_weights_view(run.ports, m.bars(), m.assets(), weights_);
  } catch (const std::runtime_error& err) {
    e.error = err.what();
    return e;
  }
  if (!w) {
    e.error = "no weights.final or weights.target port";
    return e;
  }
  const bool ready = data.backtester.bars() == m.bars() && data.backtester.assets() == m.assets();
  if (!ready) fallback_ = market_backtester(m, data.settings);  // not from make_eval_data
  const Backtester& backtester = ready ? data.backtester : fallback_;
  if (series || data.score_from > 0) {
    backtester.run(w->values, data.settings, result_);
    const BacktestResult* scored = &result_;
    if (data.score_from > 0) {
      window_ = backtest_window(result_, data.score_from, result_.bars);
      scored = &window_;
    }
    e.metrics = compute_metrics(*scored, data.settings);
    scored_ = &scored->returns;
  } else {
    e.metrics = backtester.measure(w->values, data.settings, measured_);
    scored_ = &measured_.returns;
  }
  e.ok = true;
  return e;
}

}  // namespace mosaic::host::research
