// What every piece of engine work starts from: the config, the market data, the loaded
// plugins and, when everything validates, an instantiated pipeline.
#pragma once

#include "host/config/config.hpp"
#include "host/data/market_data.hpp"
#include "host/data/news_csv.hpp"
#include "host/data/port_value.hpp"
#include "host/loader/shadow_dir.hpp"
#include "host/pipeline/assembly.hpp"
#include "host/pipeline/pipeline.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>

namespace mosaic::host::app {

// Each left empty takes its default: the bundled example config, the config's [data]
// prices, the config's [pipeline] plugins, else the bundled plugin folder.
struct SessionSpec {
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> data;
  std::optional<std::filesystem::path> plugins;
  // Keep module problems in assembly.issues and build no pipeline when there are any,
  // instead of throwing (validate, serve).
  bool tolerate_module_issues = false;
  // The plugin folder that ships with the caller, when neither plugins nor the config names
  // one; empty: default_plugin_dir(), found beside the executable. A front end loaded into
  // another program (the Python package) names its build's or install's folder here.
  std::optional<std::filesystem::path> bundled_plugins{};
  // Prices as the text of a price file (long or wide, as read_price_csv takes it) instead of
  // the config's file or `data`: a Python DataFrame, written out. Errors name
  // `prices_label` where they would name the file, with the text's line.
  std::optional<std::string> prices_text{};
  std::string prices_label{};
};

struct Session {
  Config config;
  std::filesystem::path plugin_dir;
  MarketData data;
  std::optional<NewsTable> news;
  ShadowDir shadow;  // outlives the libraries below: declared first, destroyed last
  Assembly assembly;
  std::unique_ptr<Pipeline> pipeline;
};

// Loads the config, the data and the plugins. Throws app::Error: Config for the config
// file or the plugin lock (and for [backtest] fill = "next_open" on data without opens),
// Data for the price and news files, Module for the libraries and the pipeline (naming the
// first module at fault).
std::unique_ptr<Session> open_session(const SessionSpec& spec);

// open_session on a config already read (an MPI worker's, parsed from rank 0's text): the
// spec's config is ignored, its data and plugins apply as in open_session.
std::unique_ptr<Session> open_session_on_config(Config config, const SessionSpec& spec);

// A session on prices already in memory (serve's trailing window for a re-optimization):
// `config` as it is, the plugins from `plugin_dir`, no news. Throws as open_session.
std::unique_ptr<Session> open_session_on(Config config, MarketData data, const std::filesystem::path& plugin_dir);

// The data source's ports of the whole data (pipeline/data_ports.hpp), and their layouts.
std::map<std::string, PortValue> data_ports(const Session& s);
std::map<std::string, int32_t> data_port_layouts(const Session& s);
std::vector<std::string> data_port_names(const Session& s);

}  // namespace mosaic::host::app
