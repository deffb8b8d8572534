// `mosaic modules check`: the conformance checks (host/check) on module libraries named by
// path, by module name in the plugin folder, or on every library of the folder.
#pragma once

#include "host/check/module_check.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::app {

struct ModuleCheckSpec {
  std::vector<std::string> targets;  // .so paths or module names; empty: the whole plugin folder
  std::optional<std::filesystem::path> config, plugins;  // as for open_catalog
  check::CheckOptions options;
};

// Throws app::Error (Usage) for a target that is neither a file nor a module of the folder,
// or an unknown check name.
std::vector<check::LibraryReport> check_modules(const ModuleCheckSpec& spec);

}  // namespace mosaic::host::app
