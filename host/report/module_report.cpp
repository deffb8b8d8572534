#include "host/report/module_report.hpp"

#include "host/report/text_table.hpp"

#include <fmt/format.h>

namespace mosaic::host::report {

std::string module_table(const Pipeline& pipeline, const RunResult& result) {
  TextTable t({"module", "version", "status", "latency ms", "SLA", "confidence", "note"});
  for (const auto& run : result.modules) {
    const ModuleSetup& setup = pipeline.setup(run.name);
    t.add({run.name, pipeline.contract(run.name).version.str(), outcome_name(run.outcome),
           run.outcome == CallOutcome::Ok || run.outcome == CallOutcome::Failed ? fmt::format("{:.3f}", run.latency_ms)
                                                                                : "-",
           sla_verdict(run, setup.sla), run.confidence >= 0 ? fmt::format("{:.3f}", run.confidence) : "-",
           run.reason});
  }
  return t.str();
}

}  // namespace mosaic::host::report
