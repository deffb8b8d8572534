#include "host/monitor/module_stats.hpp"

#include <algorithm>
#include <cmath>

namespace mosaic::host {

const char* state_name(ModuleState s) {
  switch (s) {
    case ModuleState::Healthy: return "healthy";
    case ModuleState::Degraded: return "degraded";
    case ModuleState::Quarantined: return "quarantined";
    default: return "disabled";
  }
}

const char* outcome_name(CallOutcome o) {
  switch (o) {
    case CallOutcome::Ok: return "ok";
    case CallOutcome::Failed: return "failed";
    case CallOutcome::Skipped: return "skipped";
    case CallOutcome::Disabled: return "disabled";
    case CallOutcome::Quarantined: return "quarantined";
    default: return "not run";
  }
}

double nearest_rank_percentile(std::vector<double> sample, double p) {
  if (sample.empty()) return 0.0;
  std::sort(sample.begin(), sample.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sample.size())));
  rank = std::clamp<size_t>(rank, 1, sample.size());
  return sample[rank - 1];
}

}  // namespace mosaic::host
