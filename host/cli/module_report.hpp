// The per-module figures of a pipeline and its last run, as a text table and as JSON.
#pragma once

#include "host/pipeline/pipeline.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace mosaic::host::cli {

// SLA verdict in words: "ok", "latency 7.20 > 5 ms", "confidence 0.30 < 0.50", "-".
std::string sla_verdict(const ModuleRun& run, const mosaic_sla& sla);

std::string module_table(const Pipeline& pipeline, const RunResult& result);
nlohmann::json module_json(const Pipeline& pipeline, const RunResult* result);

}  // namespace mosaic::host::cli
