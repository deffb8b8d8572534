#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/module_report.hpp"
#include "host/cli/session.hpp"
#include "host/cli/text_table.hpp"
#include "host/pipeline/market_ports.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

// Standalone health: one run of the configured pipeline, then every module's state.
int cmd_health(const CommonOptions& o) {
  auto s = open_session(o);
  RunResult result = s->pipeline->run(data_ports(*s), shape_of(s->data));
  ModuleState overall = ModuleState::Healthy;
  for (const auto& name : s->pipeline->order()) {
    ModuleState st = s->pipeline->state(name);
    if (st == ModuleState::Disabled) continue;
    if (static_cast<int>(st) > static_cast<int>(overall)) overall = st;
  }
  if (o.json) {
    fmt::print("{}\n", nlohmann::json{{"state", state_name(overall)},
                                      {"degraded_reasons", result.degraded_reasons},
                                      {"modules", module_json(*s->pipeline, &result)}}
                           .dump(2));
    return kOk;
  }
  TextTable t({"module", "version", "state", "latency ms", "calls", "errors", "latency viol.", "conf. viol.", "last error"});
  for (const auto& name : s->pipeline->order()) {
    const ModuleStats& st = s->pipeline->stats(name);
    t.add({name, s->pipeline->contract(name).version.str(), state_name(s->pipeline->state(name)),
           fmt::format("{:.3f}", st.last_latency_ms), std::to_string(st.calls), std::to_string(st.errors),
           std::to_string(st.latency_violations), std::to_string(st.confidence_violations), st.last_error});
  }
  fmt::print("overall: {}\n\n{}", state_name(overall), t.str());
  for (const auto& r : result.degraded_reasons) fmt::print("  {}\n", r);
  return kOk;
}

}  // namespace mosaic::host::cli
