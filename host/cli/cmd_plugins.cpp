#include "host/app/error.hpp"
#include "host/app/plugin_lock.hpp"
#include "host/cli/command_table.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/report/plugin_lock_file.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

int cmd_plugins(const CommonOptions& o) {
  const std::string sub = o.positional.empty() ? "" : o.positional[0];
  if (sub != "lock")
    throw app::Error(app::ErrorKind::Usage, sub.empty() ? "expected a subcommand: mosaic plugins lock"
                                                        : fmt::format("unknown subcommand 'plugins {}'; expected lock", sub));
  if (o.positional.size() > 1)
    throw app::Error(app::ErrorKind::Usage,
                     fmt::format("unexpected argument '{}' after 'plugins lock'", o.positional[1]));
  const app::LockPlan plan = app::plan_plugin_lock({o.config, o.plugins, o.out});
  report::write_plugin_lock(plan);
  fmt::print("{}", report::plugin_lock_text(plan));
  if (plan.sha256_by_name.empty())
    fmt::print(stderr, "mosaic plugins: warning: {} holds no .so file: the lock admits no library\n", plan.dir.string());
  return kOk;
}

int cmd_completion(const CommonOptions& o) {
  if (o.positional.size() != 1 || o.positional[0] != "bash")
    throw app::Error(app::ErrorKind::Usage, "expected a shell: mosaic completion bash");
  fmt::print("{}", bash_completion());
  return kOk;
}

}  // namespace mosaic::host::cli
