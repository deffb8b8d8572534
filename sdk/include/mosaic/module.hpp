// mosaic/module.hpp: write a module as one small C++ class.
//
//   class Momentum final : public mosaic::Module {
//    public:
//     static mosaic::Contract contract();
//     explicit Momentum(const mosaic::Params& p);
//     void process(const mosaic::Inputs& in, mosaic::Outputs& out) override;
//     void self_test() override;   // optional: throw on a wrong value
//   };
//   MOSAIC_EXPORT_MODULE(Momentum)
//
// The macro defines the library's one export, `mosaic_entry`, and noexcept trampolines
// that turn every exception into a status plus an error message.
#pragma once

#include <mosaic/arrow.hpp>
#include <mosaic/contract.hpp>
#include <mosaic/error.hpp>
#include <mosaic/ext_content_key.h>
#include <mosaic/ext_data_dir.h>
#include <mosaic/ext_state.h>
#include <mosaic/ext_reconfigure.h>
#include <mosaic/ext_warmup.h>
#include <mosaic/mosaic.h>
#include <mosaic/params.hpp>

#include <cmath>
#include <cstring>
#include <memory>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mosaic {

namespace detail {
// The host table given to init. One per library; read-only after init.
inline const mosaic_host* g_host = nullptr;
}  // namespace detail

inline const mosaic_host* host() { return detail::g_host; }

// The host's bundled data folder (mosaic.ext.data_dir/1), or "" when the host offers none.
inline std::string host_data_dir() {
  const mosaic_host* h = detail::g_host;
  if (!h || !h->get_extension) return {};
  const auto* ext = static_cast<const mosaic_ext_data_dir*>(h->get_extension(h, MOSAIC_EXT_DATA_DIR_ID));
  return ext && ext->struct_size >= sizeof(mosaic_ext_data_dir) && ext->path ? std::string(ext->path) : std::string();
}

inline void log(int32_t level, const char* module, const std::string& message) {
  if (detail::g_host && detail::g_host->log) detail::g_host->log(detail::g_host, level, module, message.c_str());
}

// True when `name` belongs to `pattern`: equal, or pattern "family.*" and name "family.x".
inline bool port_matches(std::string_view pattern, std::string_view name) {
  if (pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == ".*")
    return name.size() > pattern.size() - 1 && name.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
  return pattern == name;
}

class Inputs {
 public:
  // `host`, when given, answers content_key.
  explicit Inputs(const mosaic_inputs* c, const mosaic_host* host = nullptr) : c_(c), host_(host) {}

  bool has(std::string_view name) const { return find(name) != nullptr; }
  PanelView panel(std::string_view name) const {
    const mosaic_port_data& p = require(name);
    return PanelView(p.schema, p.array, name);
  }
  TableView table(std::string_view name) const {
    const mosaic_port_data& p = require(name);
    return TableView(p.schema, p.array, name);
  }
  double confidence(std::string_view name) const { return require(name).confidence; }
  // The host's key of an input's data (mosaic.ext.content_key/1): equal non-zero keys mean
  // equal data. 0 when the host offers no key for it.
  uint64_t content_key(std::string_view name) const {
    const mosaic_port_data* p = find(name);
    if (!p || !host_ || !host_->get_extension) return 0;
    const auto* ext =
        static_cast<const mosaic_ext_content_key*>(host_->get_extension(host_, MOSAIC_EXT_CONTENT_KEY_ID));
    if (!ext || ext->struct_size < sizeof(mosaic_ext_content_key) || !ext->of) return 0;
    return ext->of(host_, c_, static_cast<uint32_t>(p - c_->ports));
  }
  // Names of the inputs present that match a pattern such as "signal.*".
  std::vector<std::string_view> matching(std::string_view pattern) const {
    std::vector<std::string_view> names;
    for (uint32_t i = 0; i < c_->n_ports; ++i)
      if (port_matches(pattern, c_->ports[i].name)) names.emplace_back(c_->ports[i].name);
    return names;
  }

 private:
  const mosaic_port_data* find(std::string_view name) const {
    for (uint32_t i = 0; i < c_->n_ports; ++i)
      if (name == c_->ports[i].name) return &c_->ports[i];
    return nullptr;
  }
  const mosaic_port_data& require(std::string_view name) const {
    const mosaic_port_data* p = find(name);
    if (!p) throw Error(MOSAIC_ERR_MISSING_INPUT, "input '" + std::string(name) + "' is absent");
    return *p;
  }
  const mosaic_inputs* c_;
  const mosaic_host* host_;
};

// Collects the outputs of one process call; the trampoline hands them to the host after
// process returns, so a module that throws half-way emits nothing.
class Outputs {
 public:
  explicit Outputs(const mosaic_host* host) : host_(host) {}

  // A new panel on `shape`, or on the timeline and assets of an input panel, every value
  // NaN until written.
  PanelWriter& panel(std::string name, const Shape& shape) {
    pending_.push_back({std::move(name), std::make_unique<PanelWriter>(host_, shape), std::nullopt, nullptr});
    return *pending_.back().panel;
  }
  PanelWriter& panel(std::string name, const PanelView& like) {
    pending_.push_back({std::move(name), std::make_unique<PanelWriter>(host_, like), std::nullopt, nullptr});
    return *pending_.back().panel;
  }
  // The same with the columns left unfilled: the module writes every value (Unfilled).
  PanelWriter& panel(std::string name, const PanelView& like, Unfilled) {
    pending_.push_back({std::move(name), std::make_unique<PanelWriter>(host_, like, kUnfilled), std::nullopt, nullptr});
    return *pending_.back().panel;
  }
  TableWriter& table(std::string name, size_t rows) {
    pending_.push_back({std::move(name), nullptr, std::nullopt, std::make_unique<TableWriter>(host_, rows)});
    return *pending_.back().table;
  }
  // Overrides the default confidence of an output: the share of assets whose last value
  // is finite (1 for tables).
  void set_confidence(std::string_view name, double confidence) {
    for (auto& p : pending_)
      if (p.name == name) p.confidence = confidence;
  }

  // Marks an output as warm-up (mosaic.ext.warmup/1): it is NaN at the last bar because the
  // module has not yet seen the history it needs, so the host does not judge its confidence.
  void set_warmup(std::string_view name) {
    for (auto& p : pending_)
      if (p.name == name) p.warmup = true;
  }
  // The warm-up outputs of the last emit_all.
  const std::vector<std::string>& warmup() const { return warmup_; }

  // Moves every collected output to the host. Throws on the first the host refuses.
  void emit_all(mosaic_outputs* sink) {
    warmup_.clear();
    for (auto& p : pending_) {
      ArrowSchema schema{};
      ArrowArray array{};
      double confidence = p.confidence.value_or(p.panel ? last_row_coverage(*p.panel) : 1.0);
      if (p.panel) p.panel->release_into(&schema, &array);
      else p.table->release_into(&schema, &array);
      mosaic_error err{};
      int32_t status = sink->emit(sink, p.name.c_str(), &schema, &array, confidence, &err);
      if (status != MOSAIC_OK) {
        if (array.release) array.release(&array);
        if (schema.release) schema.release(&schema);
        throw Error(status, err.message);
      }
      if (p.warmup) warmup_.push_back(p.name);
    }
    pending_.clear();
  }

 private:
  static double last_row_coverage(PanelWriter& w) {
    if (w.rows() == 0 || w.assets() == 0) return 0.0;
    size_t valid = 0;
    for (size_t a = 0; a < w.assets(); ++a) valid += std::isfinite(w.column(a)[w.rows() - 1]) ? 1 : 0;
    return static_cast<double>(valid) / static_cast<double>(w.assets());
  }
  struct Pending {
    std::string name;
    std::unique_ptr<PanelWriter> panel;
    std::optional<double> confidence;
    std::unique_ptr<TableWriter> table;
    bool warmup = false;
  };
  const mosaic_host* host_;
  std::vector<Pending> pending_;
  std::vector<std::string> warmup_;
};

class Module {
 public:
  virtual ~Module() = default;
  virtual void process(const Inputs& in, Outputs& out) = 0;
  // Checks computations against known values; throw (e.g. with expect_near) on a mismatch.
  virtual void self_test() {}
  virtual const void* get_extension(const char* /*id*/) { return nullptr; }

  // State handover (mosaic.ext.state/1): a module that returns true here is asked to save
  // what it has learned before a reload, and its successor to load it. Throw
  // Error(MOSAIC_ERR_INVALID_ARGUMENT, why) from load_state for bytes it cannot read.
  virtual bool saves_state() const { return false; }
  virtual std::vector<uint8_t> save_state() { return {}; }
  virtual void load_state(std::span<const uint8_t> /*bytes*/) {}

  // In-place reconfiguration (mosaic.ext.reconfigure/1): a module that returns true here
  // takes new parameter values in reconfigure() instead of being destroyed and created
  // again, and may keep what it computed that is still valid for them. Afterwards it must
  // behave exactly as a new instance made with `params` would. Throw as the constructor
  // would for values it refuses.
  virtual bool reconfigures() const { return false; }
  // Not overridden: refused, so the host makes a new instance rather than keep the old values.
  virtual void reconfigure(const Params& /*params*/) {
    throw Error(MOSAIC_ERR_UNSUPPORTED, "reconfigures() is true but reconfigure() is not overridden");
  }
};

// For self_test: throws a self-test failure naming the quantity and both values.
inline void expect_near(double actual, double expected, double tolerance, const std::string& what) {
  bool both_nan = std::isnan(actual) && std::isnan(expected);
  if (!both_nan && !(std::fabs(actual - expected) <= tolerance))
    throw Error(MOSAIC_ERR_SELF_TEST, what + ": got " + std::to_string(actual) + ", expected " +
                                          std::to_string(expected) + " (tolerance " + std::to_string(tolerance) + ")");
}

namespace detail {

template <class F>
int32_t guarded(mosaic_error* err, int32_t fallback_status, F&& f) noexcept {
  try {
    f();
    return MOSAIC_OK;
  } catch (const Error& e) {
    write_error(err, e.what());
    return e.status();
  } catch (const std::bad_alloc&) {
    write_error(err, "out of memory");
    return MOSAIC_ERR_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    write_error(err, e.what());
    return fallback_status;
  } catch (...) {
    write_error(err, "unknown exception");
    return fallback_status;
  }
}

struct InstanceBox {
  mosaic_instance c{};
  const mosaic_host* host = nullptr;
  std::unique_ptr<Module> module;
  std::vector<std::string> warmup;  // the warm-up outputs of the last process call
};

inline InstanceBox* box(mosaic_instance* self) { return static_cast<InstanceBox*>(self->module_data); }

inline int32_t instance_process(mosaic_instance* self, const mosaic_inputs* in, mosaic_outputs* out,
                                mosaic_error* err) noexcept {
  box(self)->warmup.clear();
  return guarded(err, MOSAIC_ERR_EXCEPTION, [&] {
    Outputs outputs(box(self)->host);
    box(self)->module->process(Inputs(in, box(self)->host), outputs);
    outputs.emit_all(out);
    box(self)->warmup = outputs.warmup();
  });
}
inline int32_t instance_self_test(mosaic_instance* self, mosaic_error* err) noexcept {
  return guarded(err, MOSAIC_ERR_SELF_TEST, [&] { box(self)->module->self_test(); });
}
inline int32_t state_save(mosaic_instance* self, void** data, size_t* size, mosaic_error* err) noexcept {
  return guarded(err, MOSAIC_ERR_FAILED, [&] {
    std::vector<uint8_t> bytes = box(self)->module->save_state();
    void* block = host_alloc(box(self)->host, bytes.size());
    if (!bytes.empty()) std::memcpy(block, bytes.data(), bytes.size());
    *data = block;
    *size = bytes.size();
  });
}
inline int32_t state_load(mosaic_instance* self, const void* data, size_t size, mosaic_error* err) noexcept {
  return guarded(err, MOSAIC_ERR_INVALID_ARGUMENT, [&] {
    box(self)->module->load_state(std::span<const uint8_t>(static_cast<const uint8_t*>(data), size));
  });
}
inline constexpr mosaic_ext_state kStateExtension = {sizeof(mosaic_ext_state), 0, &state_save, &state_load};

inline int32_t warmup_query(mosaic_instance* self, const char* port) noexcept {
  if (!port) return 0;
  for (const auto& name : box(self)->warmup)
    if (name == port) return 1;
  return 0;
}
inline constexpr mosaic_ext_warmup kWarmupExtension = {sizeof(mosaic_ext_warmup), 0, &warmup_query};

inline int32_t reconfigure_instance(mosaic_instance* self, const mosaic_param_value* params, uint32_t n_params,
                                    mosaic_error* err) noexcept {
  return guarded(err, MOSAIC_ERR_INVALID_ARGUMENT, [&] { box(self)->module->reconfigure(Params(params, n_params)); });
}
inline constexpr mosaic_ext_reconfigure kReconfigureExtension = {sizeof(mosaic_ext_reconfigure), 0,
                                                                 &reconfigure_instance};

inline const void* instance_get_extension(mosaic_instance* self, const char* id) noexcept {
  try {
    if (id && std::string_view(id) == MOSAIC_EXT_STATE_ID && box(self)->module->saves_state())
      return &kStateExtension;
    if (id && std::string_view(id) == MOSAIC_EXT_WARMUP_ID) return &kWarmupExtension;
    if (id && std::string_view(id) == MOSAIC_EXT_RECONFIGURE_ID && box(self)->module->reconfigures())
      return &kReconfigureExtension;
    return box(self)->module->get_extension(id);
  } catch (...) {
    return nullptr;
  }
}
inline void instance_destroy(mosaic_instance* self) noexcept { delete box(self); }

// Per module type: its C contract (filled by a static initializer at library load) and
// its create function.
template <class T>
struct Glue {
  static inline mosaic_contract c_contract{};
  // Owned by the library's static storage, so dlclose frees it: a library that is loaded
  // and unloaded again and again (shadow copies, reloads) must not leak a contract each time.
  static inline std::unique_ptr<ContractStorage> storage;

  static void build_contract() noexcept {
    try {
      storage = std::make_unique<ContractStorage>();
      storage->build(T::contract(), &c_contract);
    } catch (...) {
      storage.reset();
      c_contract = mosaic_contract{};  // struct_size 0: the host reports an unreadable contract
    }
  }

  static int32_t create(const mosaic_host* host, const mosaic_param_value* params, uint32_t n_params,
                        mosaic_instance** out, mosaic_error* err) noexcept {
    return guarded(err, MOSAIC_ERR_INVALID_ARGUMENT, [&] {
      auto b = std::make_unique<InstanceBox>();
      b->host = host;
      b->module = std::make_unique<T>(Params(params, n_params));
      b->c.struct_size = sizeof(mosaic_instance);
      b->c.module_data = b.get();
      b->c.process = &instance_process;
      b->c.self_test = &instance_self_test;
      b->c.get_extension = &instance_get_extension;
      b->c.destroy = &instance_destroy;
      *out = &b.release()->c;
    });
  }

  static constexpr mosaic_factory factory() {
    return mosaic_factory{sizeof(mosaic_factory), 0, &c_contract, &create};
  }
};

template <class... Ts>
inline constexpr mosaic_factory factories[] = {Glue<Ts>::factory()...};

template <class... Ts>
struct Registration {
  Registration() { (Glue<Ts>::build_contract(), ...); }
};

inline int32_t library_init(const mosaic_host* host, mosaic_error* err) noexcept {
  if (!host || host->abi_version.major != MOSAIC_ABI_MAJOR) {
    write_error(err, "host ABI major differs from the module's");
    return MOSAIC_ERR_ABI;
  }
  g_host = host;
  return MOSAIC_OK;
}
inline void library_deinit() noexcept { g_host = nullptr; }

}  // namespace detail
}  // namespace mosaic

// Exports one or more module classes from this library. Use once per library.
#define MOSAIC_EXPORT_MODULES(...)                                                          \
  static const ::mosaic::detail::Registration<__VA_ARGS__> mosaic_registration_{};          \
  extern "C" MOSAIC_EXPORT const mosaic_module_entry mosaic_entry;                         \
  const mosaic_module_entry mosaic_entry = {                                               \
      {MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH},                              \
      sizeof(mosaic_module_entry),                                                         \
      &::mosaic::detail::library_init,                                                     \
      &::mosaic::detail::library_deinit,                                                   \
      static_cast<uint32_t>(sizeof(::mosaic::detail::factories<__VA_ARGS__>) / sizeof(mosaic_factory)), \
      0,                                                                                   \
      ::mosaic::detail::factories<__VA_ARGS__>};

#define MOSAIC_EXPORT_MODULE(T) MOSAIC_EXPORT_MODULES(T)
