// The JSON documents the control plane serves, built on the serve loop's thread from the
// live pipeline and its last run.
#pragma once

#include "host/pipeline/pipeline.hpp"
#include "host/serve/serve_stats.hpp"

#include <nlohmann/json.hpp>

namespace mosaic::host::serve {

// GET /health: the overall state, bar counts, per module its state, version, generation,
// last error and last reload (with the reason when it was rejected), and the configured
// modules still waiting to join, with why.
nlohmann::json health_json(const Pipeline& pipeline, const ServeStats& stats, const RunResult* last);

// GET /modules: module_json plus each module's reload history.
nlohmann::json modules_json(const Pipeline& pipeline, const ServeStats& stats, const RunResult* last);

// GET /signals: the last bar of the traded weights and of every panel a module produced.
nlohmann::json signals_json(const RunResult* last);

nlohmann::json reload_json(const ReloadRecord& r);

}  // namespace mosaic::host::serve
