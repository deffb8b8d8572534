// Whether a library file is still loaded or mapped in this process: the proof that an
// unload really happened.
#pragma once

#include <dlfcn.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace mosaic_test {

// True while the dynamic linker has `path` loaded. RTLD_NOLOAD never loads; when it
// finds the library it takes a reference, which is dropped again at once.
inline bool is_loaded(const std::filesystem::path& path) {
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (!handle) return false;
  ::dlclose(handle);
  return true;
}

// True while some mapping of this process comes from `path` (also after it was deleted).
inline bool is_mapped(const std::filesystem::path& path) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line))
    if (line.find(path.string()) != std::string::npos) return true;
  return false;
}

}  // namespace mosaic_test
