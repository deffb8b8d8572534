#include "host/app/compare.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/cli/report_page.hpp"
#include "host/report/comparison_report.hpp"
#include "host/report/run_folder.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

int cmd_compare(const CommonOptions& o) {
  const app::ComparisonResult c = app::compare(compare_spec(o));
  const auto folder = report::make_run_folder(o.out, "compare");
  report::write_comparison_folder(c, folder);
  const std::string page = write_report_page("compare", folder);
  if (o.json) {
    auto j = report::comparison_report_json(c, folder);
    j["report"] = page;
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}\nwrote {}\n", report::comparison_summary(c), folder.string());
    if (!page.empty()) fmt::print("wrote {}\n", page);
  }
  return kOk;
}

}  // namespace mosaic::host::cli
