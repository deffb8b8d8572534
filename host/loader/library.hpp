// One opened module library: a shadow copy opened with Boost.DLL, its entry checked
// against the host's ABI, initialised, and its contracts read and validated.
#pragma once

#include "host/registry/contract_info.hpp"

#include <mosaic/mosaic.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace mosaic::host {

class ShadowDir;

// A library that could not be loaded. what() is one line that starts with the file.
struct LoadError : std::runtime_error {
  LoadError(const std::filesystem::path& file, const std::string& reason);
  std::filesystem::path file;
  std::string reason;
};

struct ModuleFactory {
  ContractInfo contract;
  const mosaic_factory* factory = nullptr;
};

class Library {
 public:
  // Opens `file` through a copy in `shadow`. Throws LoadError naming the file.
  static std::shared_ptr<Library> open(const std::filesystem::path& file, const ShadowDir& shadow);
  // Unloads the library and checks with dlopen(RTLD_NOLOAD) that it is gone.
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  const std::filesystem::path& file() const { return file_; }
  const std::filesystem::path& shadow_copy() const { return shadow_copy_; }
  uint64_t generation() const { return generation_; }
  mosaic_version abi_version() const { return abi_; }
  const std::vector<ModuleFactory>& modules() const { return modules_; }
  // Whether its init asked for its file (mosaic.ext.library_file/1): a bridge, whose modules
  // come from the files beside it, so a change to them is a change to it.
  bool reads_its_folder() const { return reads_its_folder_; }

  // True when the destructor of the library opened from `shadow_copy` found it still
  // loaded after dlclose (dlopen(RTLD_NOLOAD) succeeded).
  static bool unload_failed(const std::filesystem::path& shadow_copy);

 private:
  struct Handle;
  Library() = default;
  std::filesystem::path file_, shadow_copy_;
  uint64_t generation_ = 0;
  mosaic_version abi_{};
  std::unique_ptr<Handle> handle_;
  const mosaic_module_entry* entry_ = nullptr;
  bool initialized_ = false;
  bool reads_its_folder_ = false;
  std::vector<ModuleFactory> modules_;
};

// Accepts a library built for the same ABI major and a minor no newer than the host's.
bool abi_compatible(const mosaic_version& library, std::string* why = nullptr);

}  // namespace mosaic::host
