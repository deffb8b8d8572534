// Evaluates candidates one after another on one thread: one pipeline, reconfigured per
// candidate (only the modules whose parameters changed get new instances), then the
// backtest and its metrics. Module instances are not assumed thread-safe, so each thread
// of a search owns one evaluator; they share the output cache.
#pragma once

#include "host/backtest/metrics.hpp"
#include "host/pipeline/output_cache.hpp"
#include "host/pipeline/pipeline.hpp"
#include "host/research/eval_data.hpp"
#include "host/research/lane_digest.hpp"
#include "host/research/search_space.hpp"
#include "host/research/strided_returns.hpp"
#include "host/pipeline/weights_port.hpp"

#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace mosaic::host::research {

struct Evaluation {
  bool ok = false;
  std::string error;  // why not ok: a module failed or was skipped, or no weights port
  Metrics metrics;
  std::vector<double> returns;  // per period over the scored window: returns[1..] of it
};

// What every evaluator of a search is built from.
struct PipelineRecipe {
  std::vector<ModuleSetup> setups;  // the configured modules (copied per evaluator)
  std::vector<std::string> order;
  // The modules a search varies (Pipeline::set_searched); nullopt outside a search.
  std::optional<std::set<std::string>> searched;
};

class ConfigEvaluator {
 public:
  ConfigEvaluator(const PipelineRecipe& recipe, std::shared_ptr<OutputCache> cache);
  Evaluation evaluate(const Candidate& c, const EvalData& data);
  // The same without copying the returns into the Evaluation, for a search, which keeps
  // the returns of few configurations: scored_returns() has them until the next call.
  Evaluation measure(const Candidate& c, const EvalData& data);
  // The returns of the last evaluation that went through: returns[1..] of its scored window.
  std::span<const double> scored_returns() const;
  // measure() of up to Backtester::kLanes candidates: each runs through the pipeline in turn,
  // and their weights are backtested together (Backtester::measure_lanes) when the data is
  // scored whole at the close; otherwise one by one. lane_returns(k) has candidate k's
  // scored returns until the next call.
  std::vector<Evaluation> measure_lanes(std::span<const Candidate* const> candidates, const EvalData& data);
  StridedReturns lane_returns(size_t k) const { return lane_returns_.at(k); }
  // digest_returns of each candidate's lane_returns (left empty for one that did not go
  // through), read in one pass when they were backtested together.
  std::vector<ReturnsDigest> lane_digests(size_t candidates, size_t blocks) const;
  // The full backtest of the candidate's weights over all of the data's bars (for equity
  // curves); `ok` false as in evaluate.
  Evaluation evaluate_full(const Candidate& c, const EvalData& data, BacktestResult* full);

 private:
  // Runs and scores the configuration; with `series` (or a scored window) through the full
  // backtest into result_, else only its metrics and returns (Backtester::measure).
  Evaluation run(const Candidate& c, const EvalData& data, bool series);
  // Runs the pipeline on the candidate: its weights (in `run`'s ports or `scratch`), or
  // nullopt with e.error saying why.
  std::optional<WeightsView> weights_of(const Candidate& c, const EvalData& data, Evaluation& e, RunResult& run,
                                        std::vector<double>& scratch);
  const Backtester& backtester_for(const EvalData& data);

  std::unique_ptr<Pipeline> pipeline_;
  std::vector<std::string> order_;  // the pipeline's modules, in run order
  // Reused from evaluation to evaluation, so a search does not allocate them every time.
  BacktestResult result_, window_;
  Backtester::Series measured_;
  Backtester fallback_;  // for data whose backtester was not made
  const std::vector<double>* scored_ = nullptr;  // the returns of the last evaluation
  std::vector<double> weights_;
  // measure_lanes: each lane's run (which owns its weights), weights scratch and returns.
  RunResult lane_runs_[Backtester::kLanes];
  std::vector<double> lane_weights_[Backtester::kLanes];
  std::vector<double> lane_copies_[Backtester::kLanes];  // of the one-by-one path
  Backtester::LaneSeries lanes_;
  std::vector<StridedReturns> lane_returns_ = std::vector<StridedReturns>(Backtester::kLanes);
  // The candidate of each lane of lanes_.returns, when the last call backtested together.
  std::vector<size_t> lane_of_;
};

}  // namespace mosaic::host::research
