#include "host/loader/plugin_scan.hpp"

#include "host/loader/file_permissions.hpp"
#include "host/loader/shadow_dir.hpp"

#include <algorithm>

namespace fs = std::filesystem;

namespace mosaic::host {

std::vector<fs::path> plugin_files(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw LoadError(dir, "plugin folder does not exist or is not a directory");
  if (std::string why = permission_problem(dir); !why.empty()) throw LoadError(dir, why);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".so") files.push_back(entry.path());
  if (ec) throw LoadError(dir, "cannot list plugin folder: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

ScanResult scan_plugins(const fs::path& dir, const ShadowDir& shadow) {
  const std::vector<fs::path> files = plugin_files(dir);
  ScanResult result;
  for (const auto& file : files) {
    try {
      result.libraries.push_back(Library::open(file, shadow));
    } catch (const LoadError& e) {
      result.errors.push_back(e);
    }
  }
  if (const PluginLock* lock = shadow.lock()) result.warnings = lock->missing(files, dir);
  return result;
}

}  // namespace mosaic::host
