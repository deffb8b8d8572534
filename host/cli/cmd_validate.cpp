#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/session.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mosaic::host::cli {

int cmd_validate(const CommonOptions& o) {
  auto s = open_session(o, /*tolerate_module_issues=*/true);
  const auto& a = s->assembly;
  std::vector<std::string> problems;
  for (const auto& i : a.issues) problems.push_back(i.message);
  // Creating the instances is part of validation: a module may refuse a combination of
  // parameters that each passed their declared range (e.g. fast >= slow).
  if (s->pipeline)
    for (const auto& name : s->pipeline->order())
      if (const std::string& why = s->pipeline->create_error(name); !why.empty())
        problems.push_back(fmt::format("{}: {}", s->pipeline->contract(name).label(), why));
  if (o.json) {
    fmt::print("{}\n", nlohmann::json{{"config", s->config.file.string()},
                                      {"plugins", s->plugin_dir.string()},
                                      {"ok", problems.empty()},
                                      {"order", a.resolution.order},
                                      {"problems", problems}}
                           .dump(2));
  } else if (problems.empty()) {
    fmt::print("ok: {}\n  data {} ({} bars x {} assets)\n  plugins {}\n  order: {}\n", s->config.file.string(),
               s->config.prices.string(), s->data.bars(), s->data.assets(), s->plugin_dir.string(),
               fmt::join(a.resolution.order, " -> "));
  } else {
    fmt::print("{} problem{} in {} with plugins {}:\n", problems.size(), problems.size() == 1 ? "" : "s",
               s->config.file.string(), s->plugin_dir.string());
    for (const auto& p : problems) fmt::print("  {}\n", p);
  }
  return problems.empty() ? kOk : kModule;
}

}  // namespace mosaic::host::cli
