#include "host/research/ablation_assessment.hpp"

#include <fmt/format.h>

namespace mosaic::host::research {
namespace {

const AblationRun* required_only(const std::vector<AblationRun>& runs) {
  for (const auto& r : runs)
    if (r.kind == VariantKind::RequiredOnly) return &r;
  return nullptr;
}

void add_run_notes(const AblationRun& run, std::vector<std::string>& notes) {
  if (!run.backtest)
    notes.push_back(run.not_run.empty() ? "no weights port: nothing to backtest"
                                        : fmt::format("no weights port (not run: {})", fmt::join(run.not_run, ", ")));
  else if (run.backtest->metrics.exposure == 0)
    notes.push_back("holds no position (a flat book): its Sharpe ratio counts as 0, as cash");
  for (const auto& reason : run.degraded_reasons) notes.push_back("degraded: " + reason);
}

// Sharpe(with) - Sharpe(without) as an interval, or a note saying why there is none.
void judge(AblationAssessment& a, const AblationRun& with, const AblationRun& without, const char* against,
           const BacktestSettings& backtest, const BootstrapSettings& bootstrap) {
  a.effect_against = against;
  if (!with.backtest || !without.backtest) {
    a.notes.push_back(fmt::format("no verdict: {} has no backtest", with.backtest ? without.label : with.label));
    return;
  }
  const auto deltas = metric_deltas(without.backtest->result, with.backtest->result, backtest, bootstrap);
  const MetricDelta& sharpe = find_delta(deltas, "sharpe");
  a.effect_low = sharpe.low;
  a.effect_high = sharpe.high;
  a.effect = module_effect(sharpe.low, sharpe.high);
  if (a.effect == Effect::Undetermined) a.notes.push_back("no verdict: the Sharpe ratio is undefined in every resample");
}

}  // namespace

std::vector<AblationAssessment> assess_ablation(const std::vector<AblationRun>& runs, const BacktestSettings& backtest,
                                                const BootstrapSettings& bootstrap) {
  std::vector<AblationAssessment> out;
  const AblationRun& full = runs.front();
  const AblationRun* core = required_only(runs);
  for (const auto& run : runs) {
    AblationAssessment a;
    a.run = &run;
    add_run_notes(run, a.notes);
    if (run.backtest && full.backtest && &run != &full)
      a.vs_full = metric_deltas(full.backtest->result, run.backtest->result, backtest, bootstrap);
    if (run.kind == VariantKind::Without) judge(a, full, run, "full", backtest, bootstrap);
    if (run.kind == VariantKind::Alone && core) judge(a, run, *core, "required only", backtest, bootstrap);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace mosaic::host::research
