// Pinning a plugin folder: the sha256 of every library in it, for a config's [plugins]
// lock (loader/plugin_lock.hpp). Nothing is loaded, so no module code runs.
#pragma once

#include "host/config/config.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace mosaic::host::app {

struct LockSpec {
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> plugins;
  std::optional<std::filesystem::path> out;  // the lock file to write
};

struct LockPlan {
  std::optional<Config> config;
  std::filesystem::path dir;   // the folder hashed, as named
  std::filesystem::path file;  // where the lock goes: `out`, else the config's [plugins] lock,
                               // else plugins.lock beside the config or in the working directory
  std::map<std::string, std::string> sha256_by_name;
};

// Throws app::Error: Config for the config; Module when the folder is unusable or holds a
// library the loader would refuse (its permissions, not a regular file), naming each.
LockPlan plan_plugin_lock(const LockSpec& spec);

}  // namespace mosaic::host::app
