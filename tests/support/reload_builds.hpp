// The builds of the test module `reloadable` (tests/fault_modules/reloadable.cpp), each
// in its own folder under the same file name, and publishing one the way docs/serve.md
// tells publishers to: a temporary name in the plugin folder, then a rename.
#pragma once

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace mosaic_test {

// "v1" (1.0.0), "v2" (1.1.0), "v3" (2.0.0) or "broken" (1.2.0, fails its self-test).
inline std::filesystem::path reloadable_build(const std::string& tag) {
  return std::filesystem::path(MOSAIC_TEST_PLUGIN_DIR) / ("reloadable_" + tag) / "reloadable.so";
}

inline void publish(const std::filesystem::path& build, const std::filesystem::path& plugin_dir,
                    const std::string& as = "reloadable.so") {
  namespace fs = std::filesystem;
  const fs::path tmp = plugin_dir / ".incoming.tmp";
  fs::copy_file(build, tmp, fs::copy_options::overwrite_existing);
  fs::permissions(tmp, fs::perms::group_write | fs::perms::others_write, fs::perm_options::remove);
  fs::rename(tmp, plugin_dir / as);
}

// How many generations of reloadable a process has mapped: distinct shadow copies
// (reloadable.g<N>.so) in its maps file, "/proc/self/maps" or "/proc/PID/maps".
inline size_t mapped_reloadable_generations(const std::string& maps_file) {
  std::ifstream maps(maps_file);
  std::set<std::string> copies;
  std::string line;
  while (std::getline(maps, line))
    if (line.find("reloadable.g") != std::string::npos) copies.insert(line.substr(line.find('/')));
  return copies.size();
}

}  // namespace mosaic_test
