// The pipeline config (TOML): where the data and plugins are, which modules run, and each
// module's switch, parameters and SLA overrides.
//
//   [data]
//   prices = "data/spisector.csv"      # relative paths are relative to this file
//   news = "data/news.csv"             # optional: the `news` table
//   allow_nonpositive_prices = false   # true: prices of 0 or below are data (spreads), not errors
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
//   cost_bps = 5.0                     # commission per unit of turnover
//   slippage_bps = 2.0                 # slippage per unit of turnover, reported apart
//   risk_free_rate = 0.02              # annual
//   periods_per_year = 252
//   delay = 0                          # bars from a decision to its fill bar, 0..kMaxDelay
//   fill = "close"                     # or "next_open": the open of the bar after the fill bar
//   [optimize]                         # for `mosaic optimize`: see optimize_config.hpp
//   [serve.reoptimize]                 # for `mosaic serve`: see reoptimize_config.hpp
#pragma once

#include "host/backtest/evaluator.hpp"
#include "host/config/config_error.hpp"
#include "host/config/optimize_config.hpp"
#include "host/config/reoptimize_config.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include "host/config/module_isolation.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host {

// The largest [backtest] delay: four years of daily bars, far beyond any execution lag, and
// small enough that a typo (delay = 10000) is an error rather than a run with no trades.
inline constexpr int64_t kMaxDelay = 1000;

struct ModuleConfig {
  bool enabled = true;
  // Raw, checked against the contract by bind_params; points into Config::document, so
  // source lines survive. nullptr when the config sets no params.
  const toml::table* params = nullptr;
  std::optional<double> max_latency_ms;
  std::optional<double> min_confidence;
  std::optional<ModuleIsolation> isolation;  // set when isolate = true
};

struct Config {
  std::filesystem::path file;  // the config's own path
  std::string text;            // its exact text, written into run folders
  std::filesystem::path prices;  // empty when the config has no [data] table
  std::optional<std::filesystem::path> news;
  bool allow_nonpositive_prices = false;  // [data]: prices of 0 or below are not errors (spreads)
  std::optional<std::filesystem::path> plugins;
  std::optional<std::filesystem::path> plugin_lock;  // [plugins] lock
  std::vector<std::string> modules;  // empty: every module in the plugin folder
  int quarantine_after = 3;
  BacktestSettings backtest;
  // The line of [backtest] fill (0 when not set), for the error when the data cannot fill
  // that way: only a session knows both (app/session.cpp).
  size_t backtest_fill_line = 0;
  std::map<std::string, ModuleConfig> module_configs;
  OptimizeConfig optimize;  // [optimize]; defaults when the config has none
  std::optional<ReoptimizeConfig> reoptimize;  // [serve.reoptimize]; only `mosaic serve` acts on it
  std::shared_ptr<const toml::table> document;  // the parsed file, shared by copies

  const ModuleConfig& module(const std::string& name) const;
};

Config load_config(const std::filesystem::path& file);           // throws ConfigError
Config parse_config(std::string_view text, const std::filesystem::path& file);  // same, from memory

}  // namespace mosaic::host
