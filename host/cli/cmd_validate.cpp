#include "host/app/validate.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/report/checks_report.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

int cmd_validate(const CommonOptions& o) {
  app::SessionSpec spec = session_spec(o);
  spec.tolerate_module_issues = true;
  auto s = app::open_session(spec);
  const app::ValidationResult v = app::validate(*s);
  if (o.json)
    fmt::print("{}\n", report::validation_json(*s, v).dump(2));
  else
    fmt::print("{}", report::validation_text(*s, v));
  return v.ok() ? kOk : kModule;
}

}  // namespace mosaic::host::cli
