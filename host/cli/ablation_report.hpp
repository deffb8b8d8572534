// What `mosaic ablate` reports about its runs: every metric's change against the full
// pipeline with a paired bootstrap interval, a verdict per module, and the table, JSON and
// CSV files that show them.
#pragma once

#include "host/cli/ablation_runs.hpp"
#include "host/research/ablation.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mosaic::host::cli {

struct AblationAssessment {
  const AblationRun* run = nullptr;
  std::vector<research::MetricDelta> vs_full;  // run minus full; empty when either has no backtest
  // "without" and "alone" runs: the interval of Sharpe(with the module) - Sharpe(without),
  // against the full run and the required-only run respectively.
  research::Effect effect = research::Effect::Undetermined;
  std::string effect_against;
  double effect_low = NAN, effect_high = NAN;
  std::vector<std::string> notes;  // degraded, no weights, why there is no verdict
};

// One per run, in the same order. runs[0] must be the full run.
std::vector<AblationAssessment> assess_ablation(const std::vector<AblationRun>& runs, const BacktestSettings& backtest,
                                                const research::BootstrapSettings& bootstrap);

std::string ablation_table(const std::vector<AblationAssessment>& assessments);
nlohmann::json ablation_json(const std::vector<AblationAssessment>& assessments, const BacktestSettings& backtest);
// Long format: one line per run and metric, with the change and its interval.
std::string ablation_csv(const std::vector<AblationAssessment>& assessments);
// date, then each run's equity (empty for a run without a backtest).
std::string ablation_equity_csv(const MarketData& data, const std::vector<AblationRun>& runs);

}  // namespace mosaic::host::cli
