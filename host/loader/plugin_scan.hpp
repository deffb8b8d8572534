// Loads every module library in a plugin folder. A bad library is reported and skipped;
// the others load.
#pragma once

#include "host/loader/library.hpp"

#include <filesystem>
#include <memory>
#include <vector>

namespace mosaic::host {

struct ScanResult {
  std::vector<std::shared_ptr<Library>> libraries;
  std::vector<LoadError> errors;
};

// Files ending in .so, in name order. Throws LoadError when the folder itself is unusable.
ScanResult scan_plugins(const std::filesystem::path& dir, const ShadowDir& shadow);

}  // namespace mosaic::host
