#include "host/app/error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/report/html_report.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

int cmd_report(const CommonOptions& o) {
  if (o.positional.size() != 1)
    throw app::Error(app::ErrorKind::Usage, "expected one run folder: mosaic report RUN_DIR");
  const auto file = report::write_html_report(o.positional[0]);
  fmt::print("wrote {}\n", file.string());
  return kOk;
}

}  // namespace mosaic::host::cli
