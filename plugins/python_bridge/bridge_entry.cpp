// python.so: offers every *.py module file in the folder it was loaded from as a module of
// its own. The host sees ordinary modules: contracts, parameters, instances, errors.
//
// A factory's create has no context argument, so each file is served by one of kSlots
// factories compiled in; the entry is filled in by init (the host reads the factories after
// init), which is why it is not const like a C++ module's.
#include "python_module.hpp"

#include <mosaic/ext_library_file.h>
#include <mosaic/module.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace mosaic::python_bridge {
namespace {

constexpr size_t kSlots = 64;

struct Slot {
  mosaic_contract c_contract{};
  std::unique_ptr<ContractStorage> storage;
  std::unique_ptr<PythonFile> file;
};
std::array<Slot, kSlots> g_slots;

template <size_t I>
int32_t create(const mosaic_host* host, const mosaic_param_value* params, uint32_t n_params, mosaic_instance** out,
               mosaic_error* err) noexcept {
  return detail::guarded(err, MOSAIC_ERR_INVALID_ARGUMENT, [&] {
    if (!g_slots[I].file) throw Error(MOSAIC_ERR_FAILED, "no Python module in this slot");
    auto b = std::make_unique<detail::InstanceBox>();
    b->host = host;
    b->module = std::make_unique<PythonModule>(*g_slots[I].file, Params(params, n_params));
    b->c.struct_size = sizeof(mosaic_instance);
    b->c.module_data = b.get();
    b->c.process = &detail::instance_process;
    b->c.self_test = &detail::instance_self_test;
    b->c.get_extension = &detail::instance_get_extension;
    b->c.destroy = &detail::instance_destroy;
    *out = &b.release()->c;
  });
}

template <size_t... I>
constexpr std::array<mosaic_factory, kSlots> make_factories(std::index_sequence<I...>) {
  return {mosaic_factory{sizeof(mosaic_factory), 0, &g_slots[I].c_contract, &create<I>}...};
}
const std::array<mosaic_factory, kSlots> g_factories = make_factories(std::make_index_sequence<kSlots>{});

// The *.py files beside the library the host copied this one from.
std::vector<fs::path> module_files(const mosaic_host* host) {
  const auto* ext = host->get_extension
                        ? static_cast<const mosaic_ext_library_file*>(host->get_extension(host, MOSAIC_EXT_LIBRARY_FILE_ID))
                        : nullptr;
  const char* self = ext && ext->struct_size >= sizeof(mosaic_ext_library_file) && ext->path ? ext->path(host) : nullptr;
  if (!self)
    throw Error(MOSAIC_ERR_UNSUPPORTED,
                "the host does not say which file this library was loaded from (mosaic.ext.library_file/1), so its "
                "Python modules cannot be found");
  const fs::path dir = fs::path(self).parent_path();
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".py" && e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw Error(MOSAIC_ERR_FAILED, "no *.py module files in " + dir.string());
  if (files.size() > kSlots)
    throw Error(MOSAIC_ERR_FAILED, std::to_string(files.size()) + " *.py module files in " + dir.string() +
                                       "; one bridge offers at most " + std::to_string(kSlots));
  return files;
}

void release_slots() {
  const bool alive = Py_IsInitialized();
  std::optional<Gil> gil;
  if (alive) gil.emplace();
  for (auto& s : g_slots) {
    if (s.file && !alive) {
      // The interpreter is gone (the process is ending inside Python): its objects cannot be
      // let go of any more, so they are left as they are.
      (void)s.file->module.release();
      (void)s.file->process.release();
      (void)s.file->numpy.release();
    }
    s.file.reset();
    s.storage.reset();
    s.c_contract = mosaic_contract{};
  }
}

}  // namespace

int32_t bridge_init(const mosaic_host* host, mosaic_error* err) noexcept;
void bridge_deinit() noexcept;

}  // namespace mosaic::python_bridge

extern "C" MOSAIC_EXPORT mosaic_module_entry mosaic_entry;
mosaic_module_entry mosaic_entry = {{MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH},
                                    sizeof(mosaic_module_entry),
                                    &mosaic::python_bridge::bridge_init,
                                    &mosaic::python_bridge::bridge_deinit,
                                    1,  // the host asks for one before init; init sets the count
                                    0,
                                    mosaic::python_bridge::g_factories.data()};

namespace mosaic::python_bridge {

int32_t bridge_init(const mosaic_host* host, mosaic_error* err) noexcept {
  const int32_t status = detail::library_init(host, err);
  if (status != MOSAIC_OK) return status;
  return detail::guarded(err, MOSAIC_ERR_FAILED, [&] {
    const std::vector<fs::path> files = module_files(host);
    ensure_interpreter();
    try {
      for (size_t i = 0; i < files.size(); ++i) {
        Slot& slot = g_slots[i];
        slot.file = load_python_file(files[i]);
        slot.storage = std::make_unique<ContractStorage>();
        slot.storage->build(slot.file->contract.contract, &slot.c_contract);
      }
    } catch (...) {
      release_slots();
      throw;
    }
    mosaic_entry.n_factories = static_cast<uint32_t>(files.size());
  });
}

void bridge_deinit() noexcept {
  release_slots();
  mosaic_entry.n_factories = 1;
  detail::library_deinit();
}

}  // namespace mosaic::python_bridge
