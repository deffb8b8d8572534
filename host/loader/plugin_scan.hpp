// Loads every module library in a plugin folder. A bad library is reported and skipped;
// the others load.
#pragma once

#include "host/loader/library.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mosaic::host {

struct ScanResult {
  std::vector<std::shared_ptr<Library>> libraries;
  std::vector<LoadError> errors;
  std::vector<std::string> warnings;  // plugin lock entries without a library
};

// The folder's files ending in .so, in name order. Throws LoadError when the folder is
// missing or unreadable, or when someone other than you or root could change it
// (file_permissions.hpp).
std::vector<std::filesystem::path> plugin_files(const std::filesystem::path& dir);

// Opens every plugin_files(dir) through `shadow` (and its lock, when it has one).
ScanResult scan_plugins(const std::filesystem::path& dir, const ShadowDir& shadow);

}  // namespace mosaic::host
