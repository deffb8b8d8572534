// The `mosaic` subcommands. Each returns the process exit code or throws app::Error.
#pragma once

#include "host/cli/options.hpp"

namespace mosaic::host::cli {

int cmd_run(const CommonOptions& options);
int cmd_modules(const CommonOptions& options);
int cmd_validate(const CommonOptions& options);
int cmd_health(const CommonOptions& options);
int cmd_ablate(const CommonOptions& options);
int cmd_compare(const CommonOptions& options);
int cmd_optimize(const CommonOptions& options);
int cmd_plugins(const CommonOptions& options);
int cmd_serve(const CommonOptions& options);
int cmd_deploy(const CommonOptions& options);
int cmd_completion(const CommonOptions& options);
int cmd_report(const CommonOptions& options);

// Dispatches argv; prints errors to stderr and maps them to exit codes (exit_codes.hpp).
int run_cli(int argc, char** argv);

}  // namespace mosaic::host::cli
