// The pipeline config (TOML): where the data and plugins are, which modules run, and each
// module's switch, parameters and SLA overrides.
//
//   [data]
//   prices = "data/spisector.csv"      # relative paths are relative to this file
//   news = "data/news.csv"             # optional: the `news` table
//   [pipeline]
//   modules = ["technical"]
//   plugins = "build/plugins"          # optional; --plugins wins
//   quarantine_after = 3               # consecutive failures before a module is benched
//   [plugins]
//   lock = "plugins.lock"              # optional: sha256 per library (loader/plugin_lock.hpp)
//   [modules.technical]
//   enabled = true
//   [modules.technical.params]
//   fast = 10
//   [modules.technical.sla]
//   max_latency_ms = 5.0
//   min_confidence = 0.5
//   [backtest]
//   cost_bps = 5.0                     # per unit of turnover
//   risk_free_rate = 0.02              # annual
//   periods_per_year = 252
//   [optimize]                         # for `mosaic optimize`: see optimize_config.hpp
#pragma once

#include "host/backtest/evaluator.hpp"
#include "host/config/config_error.hpp"
#include "host/config/optimize_config.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host {

struct ModuleConfig {
  bool enabled = true;
  // Raw, checked against the contract by bind_params; points into Config::document, so
  // source lines survive. nullptr when the config sets no params.
  const toml::table* params = nullptr;
  std::optional<double> max_latency_ms;
  std::optional<double> min_confidence;
};

struct Config {
  std::filesystem::path file;  // the config's own path
  std::string text;            // its exact text, written into run folders
  std::filesystem::path prices;  // empty when the config has no [data] table
  std::optional<std::filesystem::path> news;
  std::optional<std::filesystem::path> plugins;
  std::optional<std::filesystem::path> plugin_lock;  // [plugins] lock
  std::vector<std::string> modules;  // empty: every module in the plugin folder
  int quarantine_after = 3;
  BacktestSettings backtest;
  std::map<std::string, ModuleConfig> module_configs;
  OptimizeConfig optimize;  // [optimize]; defaults when the config has none
  std::shared_ptr<const toml::table> document;  // the parsed file, shared by copies

  const ModuleConfig& module(const std::string& name) const;
};

Config load_config(const std::filesystem::path& file);           // throws ConfigError
Config parse_config(std::string_view text, const std::filesystem::path& file);  // same, from memory

}  // namespace mosaic::host
