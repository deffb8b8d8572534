#include "host/loader/plugin_scan.hpp"

#include <algorithm>

namespace fs = std::filesystem;

namespace mosaic::host {

ScanResult scan_plugins(const fs::path& dir, const ShadowDir& shadow) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw LoadError(dir, "plugin folder does not exist or is not a directory");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".so") files.push_back(entry.path());
  if (ec) throw LoadError(dir, "cannot list plugin folder: " + ec.message());
  std::sort(files.begin(), files.end());

  ScanResult result;
  for (const auto& file : files) {
    try {
      result.libraries.push_back(Library::open(file, shadow));
    } catch (const LoadError& e) {
      result.errors.push_back(e);
    }
  }
  return result;
}

}  // namespace mosaic::host
