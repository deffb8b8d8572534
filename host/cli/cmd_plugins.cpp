// mosaic plugins lock: pins every library of the plugin folder by its sha256, for a
// config's [plugins] lock (host/loader/plugin_lock.hpp).
#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <optional>

#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/paths.hpp"
#include "host/config/config.hpp"
#include "host/loader/file_permissions.hpp"
#include "host/loader/plugin_lock.hpp"
#include "host/loader/plugin_scan.hpp"
#include "host/loader/sha256.hpp"

namespace fs = std::filesystem;

namespace mosaic::host::cli {
namespace {

std::optional<Config> config_of(const CommonOptions& o) {
  if (!o.config) return std::nullopt;
  try {
    return load_config(*o.config);
  } catch (const ConfigError& e) {
    throw CliError(kUsage, e.what());
  }
}

// --out, else the config's [plugins] lock, else plugins.lock beside the config (where
// `lock = "plugins.lock"` finds it), else in the working directory.
fs::path lock_path(const CommonOptions& o, const std::optional<Config>& config) {
  if (o.out) return fs::absolute(*o.out).lexically_normal();
  if (config && config->plugin_lock) return *config->plugin_lock;
  return (config ? config->file.parent_path() : fs::current_path()) / "plugins.lock";
}

// Hashes the files as they are on disk: nothing is loaded, so no module code runs. A
// library the loader would refuse for its permissions is not pinned either.
std::map<std::string, std::string> hash_libraries(const fs::path& dir) {
  std::vector<fs::path> files;
  try {
    files = plugin_files(dir);
  } catch (const LoadError& e) {
    throw CliError(kModule, e.what());
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
    throw CliError(kModule, fmt::format("{}: nothing locked, fix these first:{}", dir.string(), refused));
  return hashes;
}

// Through a temporary file and a rename, so a reader never sees half a lock.
void write_lock(const fs::path& file, const std::string& text) {
  fs::path tmp = file;
  tmp += fmt::format(".tmp{}", ::getpid());
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  std::error_code ec;
  if (out) fs::permissions(tmp, fs::perms(0644), ec);
  if (out && !ec) fs::rename(tmp, file, ec);
  if (!out || ec) {
    fs::remove(tmp, ec);
    throw CliError(kUsage, fmt::format("{}: cannot write the plugin lock{}", file.string(),
                                       ec ? ": " + ec.message() : std::string()));
  }
}

int lock(const CommonOptions& o) {
  const std::optional<Config> config = config_of(o);
  const fs::path dir = o.plugins ? *o.plugins : config && config->plugins ? *config->plugins : default_plugin_dir();
  const fs::path out = lock_path(o, config);
  const auto hashes = hash_libraries(dir);
  const fs::path shown_dir = fs::absolute(dir).lexically_normal();
  write_lock(out,
             format_plugin_lock(
                 hashes, fmt::format("Mosaic plugin lock: the sha256 of each module library in {}.\n"
                                     "Written by `mosaic plugins lock`. Check by hand with:\n"
                                     "  cd {} && sha256sum -c {}",
                                     shown_dir.string(), shell_word(shown_dir.string()), shell_word(out.string()))));

  fmt::print("wrote {}: {} librar{} in {}\n", out.string(), hashes.size(), hashes.size() == 1 ? "y" : "ies",
             shown_dir.string());
  for (const auto& [name, sha256] : hashes) fmt::print("  {}  {}\n", sha256, name);
  if (hashes.empty())
    fmt::print(stderr, "mosaic plugins: warning: {} holds no .so file: the lock admits no library\n", dir.string());
  if (!config || config->plugin_lock != out) {
    std::string where;  // as a TOML basic string
    for (char c : config ? out.lexically_relative(config->file.parent_path()).string() : out.string())
      where += c == '"' || c == '\\' ? std::string{'\\', c} : std::string{c};
    fmt::print("to use it, add to {}:\n  [plugins]\n  lock = \"{}\"\n", config ? config->file.string() : "your config",
               where);
  }
  return kOk;
}

}  // namespace

int cmd_plugins(const CommonOptions& o) {
  const std::string sub = o.positional.empty() ? "" : o.positional[0];
  if (sub != "lock")
    throw CliError(kUsage, sub.empty() ? "expected a subcommand: mosaic plugins lock"
                                       : fmt::format("unknown subcommand 'plugins {}'; expected lock", sub));
  if (o.positional.size() > 1)
    throw CliError(kUsage, fmt::format("unexpected argument '{}' after 'plugins lock'", o.positional[1]));
  return lock(o);
}

}  // namespace mosaic::host::cli
