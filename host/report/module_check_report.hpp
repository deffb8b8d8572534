// `mosaic modules check` as text for a terminal and as JSON for CI and tools.
#pragma once

#include "host/check/module_check.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mosaic::host::report {

std::string module_check_text(const std::vector<check::LibraryReport>& reports);
nlohmann::json module_check_json(const std::vector<check::LibraryReport>& reports);

}  // namespace mosaic::host::report
