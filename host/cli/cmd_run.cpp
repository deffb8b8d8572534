#include "host/app/run.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/cli/report_page.hpp"
#include "host/report/run_folder.hpp"
#include "host/report/run_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mosaic::host::cli {

int cmd_run(const CommonOptions& o) {
  auto s = app::open_session(session_spec(o));
  const auto folder = report::make_run_folder(o.out, "run");
  const app::RunOutcome run = app::run_backtest(*s);
  report::write_run_folder(*s, run, folder, o.out.has_value());
  const std::string report_file = run.backtest ? write_report_page("run", folder) : "";
  if (o.json) {
    auto j = report::run_json(*s, run, folder);
    j["report"] = report_file;
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}", report::run_text(*s, run, folder));
    if (!report_file.empty()) fmt::print("wrote {}\n", report_file);
  }
  // A script must be able to tell that the weights came from a pipeline that lost a module
  // on the way; the outputs are still written.
  if (run.result.degraded() && !o.allow_degraded) {
    fmt::print(stderr, "mosaic run: the pipeline ran degraded ({}); exit 5 (--allow-degraded accepts it)\n",
               fmt::join(run.result.degraded_reasons, "; "));
    return kDegraded;
  }
  return kOk;
}

}  // namespace mosaic::host::cli
