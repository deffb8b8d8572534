#include "host/app/plugin_lock.hpp"

#include "host/app/error.hpp"
#include "host/app/lower_errors.hpp"
#include "host/app/install_paths.hpp"
#include "host/loader/file_permissions.hpp"
#include "host/loader/plugin_scan.hpp"
#include "host/loader/sha256.hpp"

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace mosaic::host::app {
namespace {

std::map<std::string, std::string> hash_libraries(const fs::path& dir) {
  std::vector<fs::path> files;
  try {
    files = plugin_files(dir);
  } catch (const LoadError& e) {
    throw from(e);
  }
  std::map<std::string, std::string> hashes;
  std::string refused;
  for (const auto& file : files) {
    std::error_code ec;
    std::string why = fs::is_regular_file(file, ec) ? permission_problem(file) : "not a regular file";
    if (why.empty()) {
      try {
        hashes[file.filename().string()] = sha256_file(file);
        continue;
      } catch (const std::runtime_error& e) {
        why = e.what();
      }
    }
    refused += fmt::format("\n  {}: {}", file.string(), why);
  }
  if (!refused.empty())
    throw Error(ErrorKind::Module, fmt::format("{}: nothing locked, fix these first:{}", dir.string(), refused),
                {.file = dir.string()});
  return hashes;
}

}  // namespace

LockPlan plan_plugin_lock(const LockSpec& spec) {
  LockPlan p;
  if (spec.config) {
    try {
      p.config = load_config(*spec.config);
    } catch (const ConfigError& e) {
      throw from(e);
    }
  }
  p.dir = spec.plugins ? *spec.plugins : p.config && p.config->plugins ? *p.config->plugins : default_plugin_dir();
  if (spec.out)
    p.file = fs::absolute(*spec.out).lexically_normal();
  else if (p.config && p.config->plugin_lock)
    p.file = *p.config->plugin_lock;
  else
    p.file = (p.config ? p.config->file.parent_path() : fs::current_path()) / "plugins.lock";
  p.sha256_by_name = hash_libraries(p.dir);
  return p;
}

}  // namespace mosaic::host::app
