#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/paths.hpp"
#include "host/loader/host_services.hpp"
#include "host/loader/library.hpp"
#include "host/monitor/log.hpp"

#include <fmt/core.h>

#include <exception>
#include <string>
#include <vector>

namespace mosaic::host::cli {

int run_cli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    fmt::print("{}", usage());
    return args.empty() ? kUsage : kOk;
  }
  const std::string command = args[0];
  set_host_data_dir(default_data_dir().string());
  args.erase(args.begin());
  try {
    CommonOptions options = parse_options(command, args);
    if (options.verbose) set_log_level(MOSAIC_LOG_INFO);
    if (command == "run") return cmd_run(options);
    if (command == "modules") return cmd_modules(options);
    if (command == "validate") return cmd_validate(options);
    if (command == "health") return cmd_health(options);
    if (command == "ablate") return cmd_ablate(options);
    if (command == "compare") return cmd_compare(options);
    if (command == "optimize") return cmd_optimize(options);
    if (command == "plugins") return cmd_plugins(options);
    if (command == "serve") return cmd_serve(options);
    throw CliError(kUsage, fmt::format("unknown command '{}'\n\n{}", command, usage()));
  } catch (const CliError& e) {
    fmt::print(stderr, "mosaic {}: {}\n", command, e.what());
    return e.code;
  } catch (const LoadError& e) {
    // The plugin machinery itself is unusable (e.g. an unsafe shadow folder): not a bug.
    fmt::print(stderr, "mosaic {}: {}\n", command, e.what());
    return kModule;
  } catch (const std::exception& e) {
    fmt::print(stderr, "mosaic {}: internal error: {}\n", command, e.what());
    return 1;
  }
}

}  // namespace mosaic::host::cli
