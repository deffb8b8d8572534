// Validation without a run: the config, the data and the plugins, and every module
// instance created (a module may refuse a combination of parameters that each passed
// their declared range, e.g. fast >= slow).
#pragma once

#include "host/app/session.hpp"

#include <string>
#include <vector>

namespace mosaic::host::app {

struct ValidationResult {
  std::vector<std::string> order;  // the run order, as far as it resolved
  std::vector<std::string> problems;  // one line each, naming the module
  bool ok() const { return problems.empty(); }
};

// `s` must come from open_session with tolerate_module_issues.
ValidationResult validate(const Session& s);

}  // namespace mosaic::host::app
