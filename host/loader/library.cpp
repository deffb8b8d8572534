#include "host/loader/library.hpp"

#include "host/loader/file_permissions.hpp"
#include "host/loader/host_services.hpp"
#include "host/loader/module_message.hpp"
#include "host/loader/sha256.hpp"
#include "host/loader/shadow_dir.hpp"

#include <boost/dll/shared_library.hpp>
#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <set>
#include <dlfcn.h>
#include <cstring>
#include <fstream>

namespace fs = std::filesystem;

namespace mosaic::host {
namespace {

std::atomic<uint64_t> g_next_generation{1};

std::mutex g_still_mapped_mutex;
std::set<std::string> g_still_mapped;  // shadow copies that dlclose did not unmap

bool has_elf_header(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && std::memcmp(magic, "\x7f" "ELF", 4) == 0;
}

}  // namespace

struct Library::Handle {
  boost::dll::shared_library lib;
};

LoadError::LoadError(const fs::path& f, const std::string& r)
    : std::runtime_error(fmt::format("{}: {}", f.string(), r)), file(f), reason(r) {}

bool Library::unload_failed(const fs::path& shadow_copy) {
  std::lock_guard lock(g_still_mapped_mutex);
  return g_still_mapped.contains(shadow_copy.string());
}

bool abi_compatible(const mosaic_version& v, std::string* why) {
  if (v.major != MOSAIC_ABI_MAJOR) {
    if (why) *why = fmt::format("ABI major mismatch: library built for ABI {}.{}.{}, host speaks {}.{}.{}", v.major,
                                v.minor, v.patch, MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH);
    return false;
  }
  if (v.minor > MOSAIC_ABI_MINOR) {
    if (why) *why = fmt::format("ABI minor too new: library built for ABI {}.{}.{}, host speaks {}.{}.{}", v.major,
                                v.minor, v.patch, MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH);
    return false;
  }
  return true;
}

std::shared_ptr<Library> Library::open(const fs::path& file, const ShadowDir& shadow) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw LoadError(file, "not a regular file");
  if (std::string why = permission_problem(file); !why.empty()) throw LoadError(file, why);
  if (!has_elf_header(file)) throw LoadError(file, "not a shared library (no ELF header)");

  std::shared_ptr<Library> lib(new Library());
  lib->file_ = file;
  lib->generation_ = g_next_generation++;
  lib->shadow_copy_ = shadow.copy_path(file, lib->generation_);
  fs::copy_file(file, lib->shadow_copy_, fs::copy_options::overwrite_existing, ec);
  if (ec) throw LoadError(file, fmt::format("cannot copy to {}: {}", lib->shadow_copy_.string(), ec.message()));
  if (const PluginLock* lock = shadow.lock()) {
    std::string why;
    try {
      why = lock->refusal(file.filename().string(), sha256_file(lib->shadow_copy_));
    } catch (const std::runtime_error& e) {
      why = fmt::format("cannot hash the copy to check the plugin lock: {}", e.what());
    }
    if (!why.empty()) throw LoadError(file, why);
  }

  lib->handle_ = std::make_unique<Handle>();
  try {
    lib->handle_->lib.load(lib->shadow_copy_, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    throw LoadError(file, fmt::format("not a loadable shared library: {}", e.what()));
  }
  if (!lib->handle_->lib.has(MOSAIC_ENTRY_SYMBOL))
    throw LoadError(file,
                    "no mosaic_entry symbol: not a Mosaic module, or its entry is not exported. Define it as "
                    "`MOSAIC_EXPORT const mosaic_module_entry mosaic_entry = {...};` (mosaic.h; MOSAIC_EXPORT gives "
                    "it default visibility) and build with mosaic_add_module, whose version script exports it");
  lib->entry_ = &lib->handle_->lib.get<const mosaic_module_entry>(MOSAIC_ENTRY_SYMBOL);

  lib->abi_ = lib->entry_->abi_version;
  std::string why;
  if (!abi_compatible(lib->abi_, &why)) throw LoadError(file, why);
  if (lib->entry_->struct_size < sizeof(mosaic_module_entry))
    throw LoadError(file, fmt::format("mosaic_entry.struct_size {} is smaller than ABI 1.0's {}",
                                      lib->entry_->struct_size, sizeof(mosaic_module_entry)));
  if (lib->entry_->n_factories == 0 || !lib->entry_->factories)
    throw LoadError(file, "mosaic_entry offers no module factories");

  if (lib->entry_->init) {
    mosaic_error err{};
    const std::string origin = fs::absolute(file).string();
    const InitialisingLibrary initialising(origin);
    int32_t status = lib->entry_->init(host_services(), &err);
    if (status != MOSAIC_OK) throw LoadError(file, fmt::format("init failed ({}): {}", status, module_message(err)));
    lib->reads_its_folder_ = initialising.asked();
  }
  lib->initialized_ = true;
  // A lock pins each library's bytes; a library that reads the files beside it (the Python
  // bridge) would run code the lock never saw. (Refused once initialised, so that its deinit
  // runs as it unloads.)
  if (lib->reads_its_folder_ && shadow.lock())
    throw LoadError(file, "it loads modules from the files beside it (a bridge, such as python.so), which the plugin "
                          "lock cannot pin: remove it from a locked folder, or run without [plugins] lock");

  for (uint32_t i = 0; i < lib->entry_->n_factories; ++i) {
    const mosaic_factory* f = &lib->entry_->factories[i];
    if (f->struct_size < sizeof(mosaic_factory) || !f->create)
      throw LoadError(file, fmt::format("factory #{} is malformed", i + 1));
    try {
      lib->modules_.push_back({read_contract(f->contract), f});
    } catch (const ContractError& e) {
      throw LoadError(file, e.what());
    }
  }
  return lib;
}

Library::~Library() {
  if (initialized_ && entry_ && entry_->deinit) entry_->deinit();
  modules_.clear();
  if (handle_ && handle_->lib.is_loaded()) {
    handle_->lib.unload();
    // dlclose may keep a library mapped (a GNU-unique symbol, a thread_local with a
    // destructor): ask the loader, before the copy's path is gone, whether it still is.
    if (void* still = ::dlopen(shadow_copy_.c_str(), RTLD_NOLOAD | RTLD_LAZY)) {
      ::dlclose(still);
      std::lock_guard lock(g_still_mapped_mutex);
      g_still_mapped.insert(shadow_copy_.string());
    }
  }
  std::error_code ec;
  if (!shadow_copy_.empty()) fs::remove(shadow_copy_, ec);
}

}  // namespace mosaic::host
