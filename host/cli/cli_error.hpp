// Errors that end a command, with the process exit code DESIGN.md assigns.
#pragma once

#include <stdexcept>
#include <string>

namespace mosaic::host::cli {

enum ExitCode : int { kOk = 0, kUsage = 2, kModule = 3, kData = 4 };

struct CliError : std::runtime_error {
  CliError(int c, const std::string& message) : std::runtime_error(message), code(c) {}
  int code;
};

}  // namespace mosaic::host::cli
