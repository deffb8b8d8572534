#include "host/app/module_check.hpp"

#include "host/app/error.hpp"
#include "host/app/plugin_catalog.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace mosaic::host::app {

std::vector<check::LibraryReport> check_modules(const ModuleCheckSpec& spec) {
  std::vector<std::filesystem::path> files;
  std::vector<std::string> names;
  for (const auto& t : spec.targets) {
    if (t.find('/') != std::string::npos || t.ends_with(".so")) {
      if (!std::filesystem::is_regular_file(t))
        throw Error(ErrorKind::Usage, fmt::format("{}: no such library file", t), {.file = t});
      files.push_back(std::filesystem::absolute(t));
    } else {
      names.push_back(t);
    }
  }
  if (spec.targets.empty() || !names.empty()) {
    // The folder is scanned only for names; the checks then load each library afresh.
    const auto catalog = open_catalog({spec.config, spec.plugins});
    if (spec.targets.empty()) {
      for (const auto& lib : catalog->scan.libraries) files.push_back(lib->file());
      for (const auto& e : catalog->scan.errors) files.push_back(e.file);  // fails its load check, with the reason
    }
    for (const auto& name : names) {
      const auto found = catalog_modules(*catalog, name);
      if (found.empty())
        throw Error(ErrorKind::Usage, fmt::format("no module '{}' in {}; give a module name or a .so path", name,
                                                  catalog->dir.string()),
                    {.module = name});
      files.push_back(found.front().library->file());
    }
  }
  std::vector<check::LibraryReport> reports;
  try {
    for (const auto& f : files) reports.push_back(check::check_library(f, spec.options));
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::Usage, e.what());
  }
  return reports;
}

}  // namespace mosaic::host::app
