// The JSON documents the control plane serves, built on the serve loop's thread from the
// live pipeline and its last run.
#pragma once

#include "host/pipeline/pipeline.hpp"
#include "host/serve/serve_stats.hpp"

#include <nlohmann/json.hpp>

namespace mosaic::host::serve {

// GET /health: the overall state, bar counts, per module its state, version, generation,
// last error and last reload (with the reason when it was rejected), the configured
// modules still waiting to join, with why, the plugin folder's files that could not be
// loaded (`rejected`, with why), the live config and the last deployment (with
// the reason when it was refused or rolled back).
// With [serve.reoptimize], the re-optimization's counts and its last occasion.
nlohmann::json health_json(const Pipeline& pipeline, const ServeStats& stats, const RunResult* last,
                           const std::deque<Occasion>& occasions);

// GET /modules: {"modules": module_json plus each module's reload history, "rejected": the
// plugin folder's files that could not be loaded, with why}.
nlohmann::json modules_json(const Pipeline& pipeline, const ServeStats& stats, const RunResult* last);

// GET /signals: the last bar of the traded weights and of every panel a module produced.
nlohmann::json signals_json(const RunResult* last);

nlohmann::json reload_json(const ReloadRecord& r);

// GET /config: the live config's text, sha256, since when and from where, the history of
// deployments (each one's sha256, time, source, result and reason) and of re-optimization
// occasions, newest last.
nlohmann::json config_json(const std::string& live_text, const ServeStats& stats, const std::deque<Occasion>& occasions);

nlohmann::json deploy_json(const DeployRecord& r);

// A re-optimization occasion: /config, /health and its run folder's occasion.json.
nlohmann::json occasion_json(const Occasion& o);

// A shadow period's comparison, for the occasion's record.
nlohmann::json shadow_json(const app::ShadowVerdict& v, size_t bars);

}  // namespace mosaic::host::serve
