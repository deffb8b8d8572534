#include "host/research/config_evaluator.hpp"

#include "host/backtest/window.hpp"
#include "host/pipeline/weights_port.hpp"
#include "host/research/market_backtester.hpp"

#include <fmt/format.h>

#include <climits>
#include <stdexcept>

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

std::optional<WeightsView> ConfigEvaluator::weights_of(const Candidate& c, const EvalData& data, Evaluation& e,
                                                       RunResult& run, std::vector<double>& scratch) {
  for (const auto& name : order_) {
    auto on = c.enabled.find(name);
    pipeline_->set_enabled(name, on == c.enabled.end() || on->second);
    auto params = c.params.find(name);
    if (params != c.params.end()) pipeline_->reconfigure(name, params->second);
  }
  run = pipeline_->run(data.ports, data.shape, &data.timelines);
  if (run.degraded()) {
    for (const auto& r : run.degraded_reasons) e.error += (e.error.empty() ? "" : "; ") + r;
    return std::nullopt;
  }
  const MarketData& m = data.market;
  std::optional<WeightsView> w;
  try {
    w = run_weights_view(run.ports, m.bars(), m.assets(), scratch);
  } catch (const std::runtime_error& err) {
    e.error = err.what();
    return std::nullopt;
  }
  if (!w) e.error = "no weights.final or weights.target port";
  return w;
}

const Backtester& ConfigEvaluator::backtester_for(const EvalData& data) {
  const MarketData& m = data.market;
  const bool ready = data.backtester.bars() == m.bars() && data.backtester.assets() == m.assets();
  if (ready) return data.backtester;
  fallback_ = market_backtester(m, data.settings);  // not from make_eval_data
  return fallback_;
}

Evaluation ConfigEvaluator::run(const Candidate& c, const EvalData& data, bool series) {
  scored_ = nullptr;
  Evaluation e;
  RunResult run;
  const std::optional<WeightsView> w = weights_of(c, data, e, run, weights_);
  if (!w) return e;
  const Backtester& backtester = backtester_for(data);
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

std::vector<Evaluation> ConfigEvaluator::measure_lanes(std::span<const Candidate* const> candidates,
                                                       const EvalData& data) {
  constexpr size_t L = Backtester::kLanes;
  if (candidates.size() > L) throw std::invalid_argument("measure_lanes: more candidates than lanes");
  std::vector<Evaluation> out(candidates.size());
  const bool together = candidates.size() > 1 && data.score_from == 0 && data.settings.fill == Fill::Close;
  lane_of_.clear();
  if (!together) {
    for (size_t k = 0; k < candidates.size(); ++k) {
      out[k] = run(*candidates[k], data, false);
      const auto r = out[k].ok ? scored_returns() : std::span<const double>();
      lane_copies_[k].assign(r.begin(), r.end());
      lane_returns_[k] = StridedReturns(lane_copies_[k]);
    }
    return out;
  }
  scored_ = nullptr;
  std::vector<std::span<const double>> weights;
  std::vector<size_t> lane_of;
  for (size_t k = 0; k < candidates.size(); ++k) {
    lane_returns_[k] = {};
    const std::optional<WeightsView> w = weights_of(*candidates[k], data, out[k], lane_runs_[k], lane_weights_[k]);
    if (!w) continue;
    weights.push_back(w->values);
    lane_of.push_back(k);
  }
  if (!weights.empty()) {
    const Backtester& backtester = backtester_for(data);
    Metrics metrics[L];
    backtester.measure_lanes(weights, data.settings, lanes_, metrics);
    const size_t bars = backtester.bars();
    for (size_t j = 0; j < lane_of.size(); ++j) {
      Evaluation& e = out[lane_of[j]];
      e.metrics = metrics[j];
      e.ok = true;
      if (bars >= 2) lane_returns_[lane_of[j]] = StridedReturns(lanes_.returns.data() + L + j, bars - 1, L);
    }
    if (bars >= 2) lane_of_ = std::move(lane_of);
  }
  for (auto& run : lane_runs_) run = RunResult{};  // the outputs are not kept past the call
  return out;
}

std::vector<ReturnsDigest> ConfigEvaluator::lane_digests(size_t candidates, size_t blocks) const {
  std::vector<ReturnsDigest> out(candidates);
  if (!lane_of_.empty()) {
    const StridedReturns first = lane_returns_.at(lane_of_[0]);
    const std::array<ReturnsDigest, kDigestLanes> lanes = digest_lanes(first.first, first.count, blocks);
    for (size_t j = 0; j < lane_of_.size(); ++j) out.at(lane_of_[j]) = lanes[j];
    return out;
  }
  for (size_t k = 0; k < candidates; ++k) out[k] = digest_returns(lane_returns_.at(k), blocks);
  return out;
}

}  // namespace mosaic::host::research
