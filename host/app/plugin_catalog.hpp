// The plugin folder on its own, without a pipeline: every library it holds, the contracts
// of their modules, and each module's self-test at its default parameters.
#pragma once

#include "host/loader/plugin_scan.hpp"
#include "host/loader/shadow_dir.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::app {

// The folder is `plugins`, else the config's [pipeline] plugins, else the bundled one; the
// config's [plugins] lock, when it has one, admits only the pinned libraries.
struct CatalogSpec {
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> plugins;
  // In place of the bundled folder beside the executable (SessionSpec::bundled_plugins).
  std::optional<std::filesystem::path> bundled_plugins{};
};

struct PluginCatalog {
  std::filesystem::path dir;
  ShadowDir shadow;  // outlives the libraries
  ScanResult scan;   // scan.errors: libraries that failed to load, skipped
};

// Throws app::Error: Config for the config or its lock, Module when the folder is unusable.
std::unique_ptr<PluginCatalog> open_catalog(const CatalogSpec& spec);

// A module of the catalog, in folder order, with the library it came from.
struct CatalogModule {
  const ModuleFactory* module;
  const Library* library;
};
// Every module, or the one named `only` (none when it is absent).
std::vector<CatalogModule> catalog_modules(const PluginCatalog& catalog, const std::string& only = {});

struct SelfTestResult {
  std::string name, version;
  bool passed = false;
  std::string detail;  // why it failed: create's or self_test's status and message
};

// Creates the module with its default parameters and runs its self-test.
SelfTestResult self_test(const CatalogModule& m);

}  // namespace mosaic::host::app
