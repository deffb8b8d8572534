#include "host/app/error.hpp"
#include "host/app/run.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/report/html_report.hpp"
#include "host/report/run_folder.hpp"
#include "host/report/run_report.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

int cmd_run(const CommonOptions& o) {
  auto s = app::open_session(session_spec(o));
  const auto folder = report::make_run_folder(o.out, "run");
  const app::RunOutcome run = app::run_backtest(*s);
  report::write_run_folder(*s, run, folder, o.out.has_value());
  // The run's results stand without the page: a report that cannot be built is a warning.
  std::string report_file;
  try {
    if (run.backtest) report_file = report::write_html_report(folder).string();
  } catch (const app::Error& e) {
    fmt::print(stderr, "mosaic run: warning: report.html not written: {}\n", e.what());
  }
  if (o.json) {
    auto j = report::run_json(*s, run, folder);
    j["report"] = report_file;
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}", report::run_text(*s, run, folder));
    if (!report_file.empty()) fmt::print("wrote {}\n", report_file);
  }
  return kOk;
}

}  // namespace mosaic::host::cli
