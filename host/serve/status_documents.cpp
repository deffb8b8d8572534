#include "host/serve/status_documents.hpp"

#include "host/data/timestamp.hpp"
#include "host/pipeline/module_json.hpp"
#include "host/registry/registry.hpp"

#include <mosaic/arrow.hpp>

#include <cmath>

namespace mosaic::host::serve {
namespace {

nlohmann::json number_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

nlohmann::json last_row(const PortValue& v) {
  PanelView p(v.batch->schema(), v.batch->array(), v.name);
  nlohmann::json row = nlohmann::json::object();
  if (p.rows() == 0) return row;
  for (size_t a = 0; a < p.assets(); ++a) row[std::string(p.ticker(a))] = number_or_null(p.column(a)[p.rows() - 1]);
  return row;
}

nlohmann::json reloads_of(const std::string& module, const ServeStats& stats) {
  nlohmann::json out = nlohmann::json::object();
  if (auto it = stats.reloads.find(module); it != stats.reloads.end())
    out["counts"] = {{"ok", it->second.ok}, {"rejected", it->second.rejected}};
  if (auto it = stats.last_reload.find(module); it != stats.last_reload.end()) out["last"] = reload_json(it->second);
  return out;
}

nlohmann::json rejected_json(const ServeStats& stats) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [file, r] : stats.rejected)
    out.push_back({{"file", file}, {"reason", r.reason}, {"since", format_timestamp(r.since_unix_ms * 1'000'000)}});
  return out;
}

nlohmann::json reoptimize_json(const ReoptimizeState& r, const std::deque<Occasion>& occasions) {
  if (!r.configured && occasions.empty()) return nullptr;
  return {{"configured", r.configured},
          {"running", r.running},
          {"shadowing", r.shadowing},
          {"promoted", r.promoted},
          {"rejected", r.rejected},
          {"stopped", r.stopped},
          {"failed", r.failed},
          {"consecutive_rejections", r.consecutive_rejections},
          {"last", occasions.empty() ? nlohmann::json(nullptr) : occasion_json(occasions.back())}};
}

nlohmann::json figures_json(const app::GateFigures& f) {
  return {{"target", f.target},
          {"maximize", f.maximize},
          {"live_holdout", number_or_null(f.live_holdout)},
          {"candidate_holdout", number_or_null(f.candidate_holdout)},
          {"improvement", number_or_null(f.improvement)},
          {"dsr", f.dsr ? nlohmann::json(*f.dsr) : nlohmann::json(nullptr)},
          {"dsr_note", f.dsr_note},
          {"pbo", f.pbo ? nlohmann::json(*f.pbo) : nlohmann::json(nullptr)},
          {"pbo_note", f.pbo_note},
          {"trials", f.trials},
          {"strategies", f.strategies},
          {"winner_is_live", f.winner_is_live}};
}

}  // namespace

nlohmann::json occasion_json(const Occasion& o) {
  return {{"number", o.number},
          {"status", o.status},
          {"reasons", o.reasons},
          {"started", format_timestamp(o.started_unix_ms * 1'000'000)},
          {"decided", o.decided_unix_ms ? nlohmann::json(format_timestamp(o.decided_unix_ms * 1'000'000)) : nlohmann::json(nullptr)},
          {"at_bar", o.at_bar},
          {"live_sha256", o.live_sha256},
          {"window", o.window},
          {"gate", {{"margin", o.gate.margin}, {"min_dsr", o.gate.min_dsr}, {"max_pbo", o.gate.max_pbo},
                    {"shadow_bars", o.gate.shadow_bars}, {"shadow_confidence", o.gate.shadow_confidence}}},
          {"figures", o.figures ? figures_json(*o.figures) : nlohmann::json(nullptr)},
          {"search_seconds", o.search_seconds},
          {"run_dir", o.run_dir},
          {"candidate_sha256", o.candidate_sha256},
          {"shadow", o.shadow}};
}

nlohmann::json shadow_json(const app::ShadowVerdict& v, size_t bars) {
  const auto& c = v.comparison;
  nlohmann::json j = {{"bars", bars},
                      {"rejected", v.rejected},
                      {"reasons", v.reasons},
                      {"sharpe_live", number_or_null(c.sharpe_a)},
                      {"sharpe_candidate", number_or_null(c.sharpe_b)},
                      {"difference", number_or_null(c.difference)},
                      {"notes", c.notes}};
  if (c.jobson_korkie_memmel) j["jkm_p_value"] = c.jobson_korkie_memmel->p_value;
  if (c.bootstrap) j["bootstrap_interval"] = {c.bootstrap->low, c.bootstrap->high};
  return j;
}

nlohmann::json reload_json(const ReloadRecord& r) {
  return {{"module", r.module},
          {"file", r.file},
          {"version", r.version},
          {"generation", r.generation},
          {"ok", r.ok},
          {"result", r.result},
          {"unix_ms", r.unix_ms},
          {"ms", {{"wait", r.wait_ms}, {"load", r.load_ms}, {"validate", r.validate_ms}, {"self_test", r.self_test_ms},
                  {"golden_run", r.golden_ms}, {"swap", r.swap_ms}}},
          {"state_handed_over", r.state_handed_over},
          {"state_bytes", r.state_bytes},
          {"old_generation_unloaded", r.old_unloaded}};
}

nlohmann::json deploy_json(const DeployRecord& r) {
  return {{"sha256", r.sha256},
          {"source", r.source},
          {"unix_ms", r.unix_ms},
          {"time", format_timestamp(r.unix_ms * 1'000'000)},
          {"ok", r.ok},
          {"result", r.result},
          {"added", r.added},
          {"removed", r.removed},
          {"changed", r.changed},
          {"state_handed_over", r.state_handed_over},
          {"notes", r.notes},
          {"ms", {{"parse", r.parse_ms}, {"assemble", r.assemble_ms}, {"self_test", r.self_test_ms},
                  {"golden_run", r.golden_ms}, {"swap", r.swap_ms}}}};
}

nlohmann::json config_json(const std::string& live_text, const ServeStats& stats, const std::deque<Occasion>& occasions) {
  nlohmann::json history = nlohmann::json::array();
  for (const auto& r : stats.deploys) history.push_back(deploy_json(r));
  nlohmann::json reoptimizations = nlohmann::json::array();
  for (const auto& o : occasions) reoptimizations.push_back(occasion_json(o));
  const LiveConfig& live = stats.live_config;
  return {{"sha256", live.sha256},
          {"source", live.source},
          {"since_unix_ms", live.since_unix_ms},
          {"since", format_timestamp(live.since_unix_ms * 1'000'000)},
          {"text", live_text},
          {"deploys", {{"live", stats.deploy_counts.live},
                       {"refused", stats.deploy_counts.refused},
                       {"rolled_back", stats.deploy_counts.rolled_back}}},
          {"history", history},
          {"reoptimizations", reoptimizations}};
}

nlohmann::json health_json(const Pipeline& pipeline, const ServeStats& stats, const RunResult* last,
                           const std::deque<Occasion>& occasions) {
  nlohmann::json modules = nlohmann::json::array();
  for (const auto& name : pipeline.order()) {
    const auto& lib = pipeline.setup(name).library;
    nlohmann::json m = {{"name", name},
                        {"state", state_name(pipeline.state(name))},
                        {"version", pipeline.contract(name).version.str()},
                        {"generation", lib ? lib->generation() : 0},
                        {"last_error", pipeline.stats(name).last_error}};
    if (!lib) m["unloaded"] = pipeline.create_error(name);
    if (pipeline.setup(name).isolation) {
      m["isolated"] = true;
      m["crashes"] = pipeline.stats(name).crashes;
      m["last_crash"] = pipeline.stats(name).last_crash;
    }
    if (pipeline.state(name) == ModuleState::Quarantined) m["quarantine_reason"] = pipeline.stats(name).quarantine_reason;
    if (auto it = stats.last_reload.find(name); it != stats.last_reload.end()) m["last_reload"] = reload_json(it->second);
    modules.push_back(std::move(m));
  }
  // A configured module that is not running leaves the host degraded at best.
  ModuleState overall = overall_state(pipeline);
  if (!stats.waiting.empty() && overall == ModuleState::Healthy) overall = ModuleState::Degraded;
  nlohmann::json waiting = nlohmann::json::array();
  for (const auto& [name, why] : stats.waiting) waiting.push_back({{"name", name}, {"reason", why}});
  return {{"state", state_name(overall)},
          {"bars", stats.bars},
          {"degraded_bars", stats.degraded_bars},
          {"failed_bars", stats.failed_bars},
          {"last_bar", stats.bars ? nlohmann::json(format_timestamp(stats.last_bar_ts)) : nlohmann::json(nullptr)},
          {"bar_latency_ms", {{"p50", stats.bar_latency.percentile(50)}, {"p99", stats.bar_latency.percentile(99)}}},
          {"degraded_reasons", last ? last->degraded_reasons : std::vector<std::string>{}},
          {"modules", modules},
          {"waiting", waiting},
          {"rejected", rejected_json(stats)},
          {"config", {{"sha256", stats.live_config.sha256},
                      {"source", stats.live_config.source},
                      {"since", format_timestamp(stats.live_config.since_unix_ms * 1'000'000)},
                      {"last_deploy", stats.deploys.empty() ? nlohmann::json(nullptr) : deploy_json(stats.deploys.back())}}},
          {"reoptimize", reoptimize_json(stats.reoptimize, occasions)}};
}

nlohmann::json modules_json(const Pipeline& pipeline, const ServeStats& stats, const RunResult* last) {
  nlohmann::json modules = module_json(pipeline, last);
  for (auto& m : modules) {
    const std::string name = m["name"];
    m["reloads"] = reloads_of(name, stats);
    if (!pipeline.setup(name).library) m["unloaded"] = pipeline.create_error(name);
  }
  return {{"modules", modules}, {"rejected", rejected_json(stats)}};
}

nlohmann::json signals_json(const RunResult* last) {
  nlohmann::json out = {{"ts", nullptr}, {"weights", nullptr}, {"ports", nlohmann::json::object()}};
  if (!last) return out;
  for (const char* port : {"weights.final", "weights.target"}) {
    auto it = last->ports.find(port);
    if (it == last->ports.end()) continue;
    out["weights"] = {{"port", port}, {"values", last_row(it->second)}};
    break;
  }
  for (const auto& [name, v] : last->ports) {
    if (v.producer == kDataSource) continue;
    try {
      out["ports"][name] = {{"producer", v.producer}, {"confidence", v.confidence}, {"last", last_row(v)}};
    } catch (const std::exception&) {
      // A table (not a panel) has no last row of numbers to show.
    }
  }
  if (auto it = last->ports.find("close"); it != last->ports.end()) {
    PanelView p(it->second.batch->schema(), it->second.batch->array(), "close");
    if (p.rows() > 0) out["ts"] = format_timestamp(p.ts()[p.rows() - 1]);
  }
  return out;
}

}  // namespace mosaic::host::serve
