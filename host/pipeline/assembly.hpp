// From a config and a plugin folder to a validated set of module setups: load the
// libraries, pick the configured modules, bind their parameters, resolve the graph.
#pragma once

#include "host/config/config.hpp"
#include "host/loader/plugin_scan.hpp"
#include "host/pipeline/pipeline.hpp"
#include "host/registry/registry.hpp"

#include <filesystem>
#include <map>
#include <vector>

namespace mosaic::host {

struct Assembly {
  ScanResult scan;
  std::vector<std::string> warnings;  // libraries that failed to load; skipped, not fatal
  std::vector<ResolveIssue> issues;   // module validation problems: lookup_issues, then the graph's
  // Modules the config names that the folder offers twice (fatal) or not at all (serve waits).
  std::vector<ResolveIssue> lookup_issues;
  Resolution resolution;
  std::vector<ModuleSetup> setups;  // the configured modules, ready to instantiate
  bool ok() const { return issues.empty(); }
};

// One module's setup from the config: parameters bound to its contract, the SLA with the
// config's overrides, and its switch. Throws ConfigError for bad parameters.
ModuleSetup module_setup(const Config& config, std::shared_ptr<Library> library, const ModuleFactory* factory);

// Throws ConfigError for bad parameters or SLA overrides (exit code 2), LoadError when the
// plugin folder is unusable. Library and graph problems are collected in issues.
Assembly assemble(const Config& config, const std::filesystem::path& plugin_dir, const ShadowDir& shadow,
                  const std::map<std::string, int32_t>& data_ports);

}  // namespace mosaic::host
