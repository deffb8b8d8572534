#include "host/app/optimize.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/cli/interrupt_scope.hpp"
#include "host/cli/report_page.hpp"
#include "host/cli/terminal_observer.hpp"
#include "host/report/optimize_report.hpp"
#include "host/report/plan_report.hpp"
#include "host/report/run_folder.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

int cmd_optimize(const CommonOptions& o) {
  auto s = app::open_session(session_spec(o));
  const app::OptimizePlan plan = app::plan_optimize(*s, optimize_spec(o));
  if (o.dry_run) {
    fmt::print("{}", report::describe_plan(plan, *s));
    return kOk;
  }
  if (!o.json) fmt::print("{}\n", report::describe_plan(plan, *s));
  const auto folder = report::make_run_folder(o.out, "optimize");
  app::OptimizeResult result;
  {
    InterruptScope scope;
    TerminalObserver observer(plan.settings.targets.front().name);
    result = app::optimize(*s, plan, observer);
  }
  report::write_optimize_folder(*s, plan, result, folder);
  const std::string page = write_report_page("optimize", folder);
  if (o.json) {
    nlohmann::json j = report::optimize_json(*s, plan, result);
    j["run_folder"] = folder.string();
    j["report"] = page;
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}\nwrote {}\n", report::optimize_summary(*s, plan, result), folder.string());
    if (!page.empty()) fmt::print("wrote {}\n", page);
  }
  return kOk;
}

}  // namespace mosaic::host::cli
