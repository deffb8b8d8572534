// What an ablation concludes from its runs: every metric's change against the full
// pipeline with a paired bootstrap interval, and a verdict per optional module.
#pragma once

#include "host/research/ablation.hpp"
#include "host/research/ablation_runs.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace mosaic::host::research {

struct AblationAssessment {
  const AblationRun* run = nullptr;
  std::vector<MetricDelta> vs_full;  // run minus full; empty when either has no backtest
  // "without" and "alone" runs: the interval of Sharpe(with the module) - Sharpe(without),
  // against the full run and the required-only run respectively.
  Effect effect = Effect::Undetermined;
  std::string effect_against;
  double effect_low = NAN, effect_high = NAN;
  std::vector<std::string> notes;  // degraded, no weights, why there is no verdict
};

// One per run, in the same order; each points into `runs`. runs[0] must be the full run.
std::vector<AblationAssessment> assess_ablation(const std::vector<AblationRun>& runs, const BacktestSettings& backtest,
                                                const BootstrapSettings& bootstrap);

}  // namespace mosaic::host::research
