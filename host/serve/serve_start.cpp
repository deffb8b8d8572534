#include "host/serve/serve_start.hpp"

#include "host/app/error.hpp"

#include <algorithm>

namespace mosaic::host::serve {

PartialPipeline start_partial(app::Session& s) {
  std::string fatal, first_module;
  for (const auto& issue : s.assembly.lookup_issues) {
    const bool present = std::any_of(s.assembly.setups.begin(), s.assembly.setups.end(), [&](const ModuleSetup& m) {
      return m.factory->contract.name == issue.module;
    });
    if (!present) continue;  // its library has not arrived: it waits
    fatal += "\n  " + issue.message;
    if (first_module.empty()) first_module = issue.module;
  }
  PartialPipeline partial;
  try {
    if (fatal.empty())
      partial = largest_resolvable({}, std::move(s.assembly.setups), s.config.modules, app::data_port_layouts(s));
  } catch (const std::runtime_error& e) {
    fatal += "\n  " + std::string(e.what());
  }
  if (!fatal.empty())
    throw app::Error(app::ErrorKind::Module, "module validation failed:" + fatal, {.module = first_module});
  s.pipeline = std::make_unique<Pipeline>(std::move(partial.serving), partial.order, s.config.quarantine_after);
  return partial;
}

std::map<std::string, std::string> rejected_files(const app::Session& s) {
  std::map<std::string, std::string> out;
  for (const auto& e : s.assembly.scan.errors) out[e.file.filename().string()] = e.reason;
  return out;
}

}  // namespace mosaic::host::serve
