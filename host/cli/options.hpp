// Flags shared by the commands.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::cli {

struct CommonOptions {
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> data;
  std::optional<std::filesystem::path> plugins;
  std::optional<std::filesystem::path> out;
  bool json = false;
  bool verbose = false;
  int repeat = 0;                      // modules bench: runs to time
  std::vector<std::string> positional;  // e.g. `modules list NAME`
};

// Parses argv after the command word. Throws CliError(kUsage) with the reason and usage.
CommonOptions parse_options(const std::string& command, const std::vector<std::string>& args);

std::string usage();

}  // namespace mosaic::host::cli
