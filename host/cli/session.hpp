// What every command starts from: the config, the market data, the loaded plugins and,
// when everything validates, an instantiated pipeline.
#pragma once

#include "host/cli/options.hpp"
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

namespace mosaic::host::cli {

struct Session {
  Config config;
  std::filesystem::path plugin_dir;
  MarketData data;
  std::optional<NewsTable> news;
  ShadowDir shadow;  // outlives the libraries below: declared first, destroyed last
  Assembly assembly;
  std::unique_ptr<Pipeline> pipeline;
};

// Loads config, data and plugins. Throws CliError with the DESIGN.md exit code: 2 for the
// config, 4 for the data, 3 for the modules. With `tolerate_module_issues` the issues stay
// in assembly.issues and no pipeline is built when there are any (for validate).
std::unique_ptr<Session> open_session(const CommonOptions& options, bool tolerate_module_issues = false);

// The data source's ports: a panel per price field, and `news` when the config has news.
std::map<std::string, PortValue> data_ports(const Session& s);
std::map<std::string, int32_t> data_port_layouts(const Session& s);

}  // namespace mosaic::host::cli
