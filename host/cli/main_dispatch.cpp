#include "host/app/error.hpp"
#include "host/app/log_level.hpp"
#include "host/cli/command_table.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"

#include <fmt/core.h>

#include <exception>
#include <string>
#include <vector>

namespace mosaic::host::cli {
namespace {

int dispatch(const std::string& command, const CommonOptions& options) {
  if (command == "run") return cmd_run(options);
  if (command == "modules") return cmd_modules(options);
  if (command == "validate") return cmd_validate(options);
  if (command == "health") return cmd_health(options);
  if (command == "ablate") return cmd_ablate(options);
  if (command == "compare") return cmd_compare(options);
  if (command == "optimize") return cmd_optimize(options);
  if (command == "plugins") return cmd_plugins(options);
  if (command == "serve") return cmd_serve(options);
  if (command == "deploy") return cmd_deploy(options);
  if (command == "completion") return cmd_completion(options);
  if (command == "report") return cmd_report(options);
  throw app::Error(app::ErrorKind::Usage, fmt::format("unknown command '{}'\n\n{}", command, usage()));
}

}  // namespace

int run_cli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    fmt::print("{}", usage());
    return args.empty() ? kUsage : kOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    fmt::print("{}", version_text());
    return kOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    const CommonOptions options = parse_options(command, args);
    if (options.help) {
      const CommandInfo* info = find_command(command);
      if (!info) throw app::Error(app::ErrorKind::Usage, fmt::format("unknown command '{}'\n\n{}", command, usage()));
      fmt::print("{}", command_usage(*info));
      return kOk;
    }
    if (options.verbose) app::log_everything();
    if (options.log_level) app::log_at_least(*options.log_level);
    return dispatch(command, options);
  } catch (const app::Error& e) {
    fmt::print(stderr, "mosaic {}: {}\n", command, e.what());
    return exit_code(e.kind);
  } catch (const std::exception& e) {
    fmt::print(stderr, "mosaic {}: internal error: {}\n", command, e.what());
    return kInternal;
  }
}

}  // namespace mosaic::host::cli
