#include "host/pipeline/module_json.hpp"

#include <fmt/format.h>

namespace mosaic::host {

std::string sla_verdict(const ModuleRun& run, const mosaic_sla& sla) {
  if (run.outcome != CallOutcome::Ok && run.outcome != CallOutcome::Failed) return "-";
  std::vector<std::string> problems;
  if (!run.latency_ok) problems.push_back(fmt::format("latency {:.2f} > {} ms", run.latency_ms, sla.max_latency_ms));
  if (!run.confidence_ok) problems.push_back(fmt::format("confidence {:.2f} < {}", run.confidence, sla.min_confidence));
  // What was not judged: a cold call's latency, a warm-up call's confidence.
  std::vector<std::string> unjudged;
  if (run.cold) unjudged.emplace_back("cold");
  if (run.warmup) unjudged.emplace_back("warm-up");
  if (problems.empty()) return unjudged.empty() ? "ok" : fmt::format("ok ({})", fmt::join(unjudged, ", "));
  return fmt::format("{}", fmt::join(problems, "; "));
}

nlohmann::json module_json(const Pipeline& pipeline, const RunResult* result) {
  nlohmann::json modules = nlohmann::json::array();
  for (const auto& name : pipeline.order()) {
    const ContractInfo& c = pipeline.contract(name);
    const ModuleSetup& setup = pipeline.setup(name);
    const ModuleStats& st = pipeline.stats(name);
    nlohmann::json m = {
        {"name", name},
        {"id", c.id},
        {"version", c.version.str()},
        {"role", role_name(c.role)},
        {"library", setup.library ? nlohmann::json(setup.library->file().string()) : nlohmann::json()},
        {"generation", setup.library ? setup.library->generation() : 0},
        {"state", state_name(pipeline.state(name))},
        {"sla", {{"max_latency_ms", setup.sla.max_latency_ms}, {"min_confidence", setup.sla.min_confidence}}},
        {"calls", st.calls},
        {"errors", st.errors},
        {"skipped", st.skipped},
        {"latency_violations", st.latency_violations},
        {"confidence_violations", st.confidence_violations},
        {"warmup_calls", st.warmup_calls},
        {"cold_calls", st.cold_calls},
        {"cold_page_faults", st.last_cold_page_faults},
        {"consecutive_failures", st.consecutive_failures},
        {"isolated", setup.isolation.has_value()},
        {"crashes", st.crashes},
        {"last_crash", st.last_crash},
        {"quarantine_reason", pipeline.state(name) == ModuleState::Quarantined ? st.quarantine_reason : ""},
        {"latency_ms",
         {{"p50", st.latency_percentile(50)},
          {"p95", st.latency_percentile(95)},
          {"p99", st.latency_percentile(99)},
          {"cold", st.last_cold_latency_ms}}},
    };
    nlohmann::json params = nlohmann::json::object();
    for (const auto& p : setup.params) {
      switch (p.value.type) {
        case MOSAIC_PARAM_INT: params[p.name] = p.value.i; break;
        case MOSAIC_PARAM_FLOAT: params[p.name] = p.value.f; break;
        case MOSAIC_PARAM_BOOL: params[p.name] = p.value.b; break;
        default: params[p.name] = p.value.s;
      }
    }
    m["params"] = params;
    if (result) {
      for (const auto& run : result->modules) {
        if (run.name != name) continue;
        m["status"] = outcome_name(run.outcome);
        m["latency_ms"]["last"] = run.latency_ms;
        if (run.confidence >= 0) m["confidence"] = run.confidence;
        else m["confidence"] = nullptr;
        m["sla"]["latency_ok"] = run.latency_ok;
        m["sla"]["confidence_ok"] = run.confidence_ok;
        m["sla"]["warmup"] = run.warmup;
        m["sla"]["cold"] = run.cold;
        m["sla"]["verdict"] = sla_verdict(run, setup.sla);
        m["reason"] = run.reason;
        m["outputs"] = run.outputs;
      }
    }
    modules.push_back(m);
  }
  return modules;
}

ModuleState overall_state(const Pipeline& pipeline) {
  ModuleState overall = ModuleState::Healthy;
  for (const auto& name : pipeline.order()) {
    const ModuleState st = pipeline.state(name);
    if (st != ModuleState::Disabled && static_cast<int>(st) > static_cast<int>(overall)) overall = st;
  }
  return overall;
}

}  // namespace mosaic::host
