#include "host/report/checks_report.hpp"

#include "host/pipeline/module_json.hpp"
#include "host/report/text_table.hpp"

#include <fmt/format.h>

namespace mosaic::host::report {

std::string validation_text(const app::Session& s, const app::ValidationResult& v) {
  if (v.ok())
    return fmt::format("ok: {}\n  data {} ({} bars x {} assets)\n  plugins {}\n  order: {}\n", s.config.file.string(),
                       s.config.prices.string(), s.data.bars(), s.data.assets(), s.plugin_dir.string(),
                       fmt::join(v.order, " -> "));
  std::string out = fmt::format("{} problem{} in {} with plugins {}:\n", v.problems.size(),
                                v.problems.size() == 1 ? "" : "s", s.config.file.string(), s.plugin_dir.string());
  for (const auto& p : v.problems) out += fmt::format("  {}\n", p);
  return out;
}

nlohmann::json validation_json(const app::Session& s, const app::ValidationResult& v) {
  return {{"config", s.config.file.string()},
          {"plugins", s.plugin_dir.string()},
          {"ok", v.ok()},
          {"order", v.order},
          {"problems", v.problems}};
}

std::string health_text(const app::Session& s, const app::HealthOutcome& h) {
  const Pipeline& p = *s.pipeline;
  TextTable t({"module", "version", "state", "latency ms", "calls", "errors", "latency viol.", "conf. viol.",
               "last error"});
  for (const auto& name : p.order()) {
    const ModuleStats& st = p.stats(name);
    t.add({name, p.contract(name).version.str(), state_name(p.state(name)), fmt::format("{:.3f}", st.last_latency_ms),
           std::to_string(st.calls), std::to_string(st.errors), std::to_string(st.latency_violations),
           std::to_string(st.confidence_violations), st.last_error});
  }
  std::string out = fmt::format("overall: {}\n\n{}", state_name(h.overall), t.str());
  for (const auto& r : h.result.degraded_reasons) out += fmt::format("  {}\n", r);
  return out;
}

nlohmann::json health_json(const app::Session& s, const app::HealthOutcome& h) {
  return {{"state", state_name(h.overall)},
          {"degraded_reasons", h.result.degraded_reasons},
          {"modules", module_json(*s.pipeline, &h.result)}};
}

std::string bench_text(const app::Session& s, const std::vector<app::ModuleLatency>& latencies, int repeat) {
  TextTable t({"module", "runs", "p50 ms", "p95 ms", "p99 ms", "max ms", "SLA ms", "verdict"});
  for (const auto& l : latencies)
    t.add({l.name, std::to_string(l.runs), fmt::format("{:.3f}", l.p50_ms), fmt::format("{:.3f}", l.p95_ms),
           fmt::format("{:.3f}", l.p99_ms), fmt::format("{:.3f}", l.max_ms),
           l.sla_ms > 0 ? fmt::format("{}", l.sla_ms) : "-", l.verdict});
  return fmt::format("{} bars x {} assets, {} timed runs after one warm-up\n\n{}", s.data.bars(), s.data.assets(),
                     repeat, t.str());
}

nlohmann::json bench_json(const std::vector<app::ModuleLatency>& latencies) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& l : latencies)
    j.push_back({{"name", l.name}, {"runs", l.runs}, {"p50_ms", l.p50_ms}, {"p95_ms", l.p95_ms}, {"p99_ms", l.p99_ms},
                 {"max_ms", l.max_ms}, {"sla_ms", l.sla_ms}, {"verdict", l.verdict}});
  return j;
}

}  // namespace mosaic::host::report
