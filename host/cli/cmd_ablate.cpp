#include "host/app/ablate.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/cli/report_page.hpp"
#include "host/report/ablation_report.hpp"
#include "host/report/run_folder.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

int cmd_ablate(const CommonOptions& o) {
  auto s = app::open_session(session_spec(o));
  const app::AblationResult result = app::ablate(*s, ablate_spec(o));
  const auto folder = report::make_run_folder(o.out, "ablate");
  report::write_ablation_folder(*s, result, folder);
  const std::string page = write_report_page("ablate", folder);
  if (o.json) {
    auto j = report::ablation_report_json(*s, result, folder);
    j["report"] = page;
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}\nwrote {}\n", report::ablation_summary(*s, result), folder.string());
    if (!page.empty()) fmt::print("wrote {}\n", page);
  }
  return kOk;
}

}  // namespace mosaic::host::cli
