#include "host/app/plugin_catalog.hpp"

#include "host/app/error.hpp"
#include "host/app/lower_errors.hpp"
#include "host/app/install_paths.hpp"
#include "host/config/config.hpp"
#include "host/loader/host_services.hpp"
#include "host/loader/module_message.hpp"
#include "host/loader/plugin_lock.hpp"
#include "host/monitor/log.hpp"

#include <fmt/format.h>

namespace mosaic::host::app {

std::unique_ptr<PluginCatalog> open_catalog(const CatalogSpec& spec) {
  offer_bundled_data_dir();
  std::unique_ptr<PluginCatalog> p;
  try {
    p = std::make_unique<PluginCatalog>();  // its shadow folder may be unsafe to use
  } catch (const LoadError& e) {
    throw from(e);
  }
  p->dir = spec.plugins ? *spec.plugins : spec.bundled_plugins ? *spec.bundled_plugins : default_plugin_dir();
  if (spec.config) {
    try {
      Config c = load_config(*spec.config);
      if (c.plugins && !spec.plugins) p->dir = *c.plugins;
      if (c.plugin_lock) p->shadow.require_lock(read_plugin_lock(*c.plugin_lock));
    } catch (const ConfigError& e) {
      throw from(e);
    } catch (const LockError& e) {
      throw from(e);
    }
  }
  try {
    p->scan = scan_plugins(p->dir, p->shadow);
  } catch (const LoadError& e) {
    throw from(e);
  }
  for (const auto& w : p->scan.warnings) log_warn("", w);
  return p;
}

std::vector<CatalogModule> catalog_modules(const PluginCatalog& catalog, const std::string& only) {
  std::vector<CatalogModule> out;
  for (const auto& lib : catalog.scan.libraries)
    for (const auto& m : lib->modules())
      if (only.empty() || m.contract.name == only) out.push_back({&m, lib.get()});
  return out;
}

SelfTestResult self_test(const CatalogModule& cm) {
  const ModuleFactory& m = *cm.module;
  SelfTestResult r{m.contract.name, m.contract.version.str(), true, {}};
  std::vector<mosaic_param_value> params;
  for (const auto& d : m.contract.params) params.push_back({d.name.c_str(), d.default_value.to_c()});
  mosaic_instance* inst = nullptr;
  mosaic_error err{};
  int32_t status = m.factory->create(host_services(), params.data(), static_cast<uint32_t>(params.size()), &inst, &err);
  if (status != MOSAIC_OK) {
    r.passed = false;
    r.detail = fmt::format("create failed ({}): {}", status, module_message(err));
    return r;
  }
  status = inst->self_test(inst, &err);
  if (status != MOSAIC_OK) {
    r.passed = false;
    r.detail = fmt::format("({}) {}", status, module_message(err));
  }
  inst->destroy(inst);
  return r;
}

}  // namespace mosaic::host::app
