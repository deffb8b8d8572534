// A pipeline's per-module figures and its last run as JSON, for run folders, `health
// --json` and the serve control plane.
#pragma once

#include "host/pipeline/pipeline.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace mosaic::host {

// SLA verdict in words: "ok", "latency 7.20 > 5 ms", "confidence 0.30 < 0.50", "-".
std::string sla_verdict(const ModuleRun& run, const mosaic_sla& sla);

// The worst state over the enabled modules: healthy < degraded < quarantined.
ModuleState overall_state(const Pipeline& pipeline);

// One object per module in run order; `result` adds the last run's outcome when given.
nlohmann::json module_json(const Pipeline& pipeline, const RunResult* result);

}  // namespace mosaic::host
