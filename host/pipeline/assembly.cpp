#include "host/pipeline/assembly.hpp"

#include "host/pipeline/port_name_params.hpp"

#include <fmt/format.h>

namespace mosaic::host {

ModuleSetup module_setup(const Config& config, std::shared_ptr<Library> library, const ModuleFactory* factory) {
  const std::string& name = factory->contract.name;
  const ModuleConfig& mc = config.module(name);
  ModuleSetup setup;
  setup.library = std::move(library);
  setup.factory = factory;
  setup.params = bind_params(factory->contract, mc.params, config.file.string());
  setup.sla = factory->contract.sla;
  if (mc.max_latency_ms) setup.sla.max_latency_ms = *mc.max_latency_ms;
  if (mc.min_confidence) setup.sla.min_confidence = *mc.min_confidence;
  setup.enabled = mc.enabled;
  setup.isolation = mc.isolation;
  setup.params_origin = fmt::format("{}: modules.{}.params", config.file.string(), name);
  return setup;
}

Assembly assemble(const Config& config, const std::filesystem::path& plugin_dir, const ShadowDir& shadow,
                  const std::map<std::string, int32_t>& data_ports) {
  Assembly a;
  a.scan = scan_plugins(plugin_dir, shadow);
  // A bad library is reported and skipped; it only matters if the config needs a module
  // that it would have provided, which the lookup below reports.
  for (const auto& e : a.scan.errors) a.warnings.push_back(fmt::format("skipped {}", e.what()));

  std::map<std::string, std::pair<std::shared_ptr<Library>, const ModuleFactory*>> available;
  for (const auto& lib : a.scan.libraries)
    for (const auto& m : lib->modules()) {
      auto [it, fresh] = available.emplace(m.contract.name, std::make_pair(lib, &m));
      if (!fresh)
        a.lookup_issues.push_back({m.contract.name, fmt::format("duplicate module name '{}': {} and {}",
                                                                m.contract.name, it->second.first->file().string(),
                                                                lib->file().string())});
    }

  std::vector<std::string> wanted = config.modules;
  if (wanted.empty())
    for (const auto& [name, entry] : available) wanted.push_back(name);

  std::vector<Candidate> candidates;
  for (const auto& name : wanted) {
    auto it = available.find(name);
    if (it == available.end()) {
      std::vector<std::string> names;
      for (const auto& [n, e] : available) names.push_back(n);
      // The module may be in a library that failed to load: say why each did.
      std::string skipped;
      if (!a.scan.errors.empty()) {
        std::vector<std::string> why;
        for (const auto& e : a.scan.errors) why.push_back(e.what());
        skipped = fmt::format("; {} librar{} failed to load: {}", a.scan.errors.size(),
                              a.scan.errors.size() == 1 ? "y" : "ies", fmt::join(why, "; "));
      }
      a.lookup_issues.push_back({name, fmt::format("module '{}' (pipeline.modules) was not found in {} (loaded: {}{})", name,
                                            plugin_dir.string(),
                                            names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", ")), skipped)});
      continue;
    }
    const auto& [lib, factory] = it->second;
    candidates.push_back({&factory->contract, lib->file().string()});
    a.setups.push_back(module_setup(config, lib, factory));
  }

  check_port_name_params(config, a.setups, data_ports);
  a.resolution = resolve(candidates, data_ports);
  a.issues = a.lookup_issues;
  for (const auto& i : a.resolution.issues) a.issues.push_back(i);
  return a;
}

}  // namespace mosaic::host
