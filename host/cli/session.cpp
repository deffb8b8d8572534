#include "host/cli/session.hpp"

#include "host/cli/cli_error.hpp"
#include "host/cli/paths.hpp"
#include "host/data/data_error.hpp"
#include "host/data/price_csv.hpp"
#include "host/loader/plugin_lock.hpp"
#include "host/monitor/log.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/news_port.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

std::unique_ptr<Session> open_session(const CommonOptions& options, bool tolerate_module_issues) {
  auto s = std::make_unique<Session>();
  try {
    s->config = load_config(options.config ? *options.config : default_config());
  } catch (const ConfigError& e) {
    throw CliError(kUsage, e.what());
  }
  if (options.data) s->config.prices = std::filesystem::absolute(*options.data);
  if (s->config.prices.empty())
    throw CliError(kUsage, fmt::format("{}: no price file: add [data] prices = \"FILE.csv\" or pass --data FILE",
                                       s->config.file.string()));
  s->plugin_dir = options.plugins ? *options.plugins : s->config.plugins ? *s->config.plugins : default_plugin_dir();

  try {
    s->data = read_price_csv(s->config.prices);
  } catch (const DataError& e) {
    throw CliError(kData, e.what());
  }
  if (s->data.bars() == 0 || s->data.assets() == 0)
    throw CliError(kData, fmt::format("{}: no prices to run on", s->config.prices.string()));
  if (s->config.news) {
    try {
      s->news = read_news_csv(*s->config.news);
    } catch (const DataError& e) {
      throw CliError(kData, e.what());
    }
  }

  if (s->config.plugin_lock) {
    try {
      s->shadow.require_lock(read_plugin_lock(*s->config.plugin_lock));
    } catch (const LockError& e) {
      throw CliError(kUsage, e.what());
    }
  }
  try {
    s->assembly = assemble(s->config, s->plugin_dir, s->shadow, data_port_layouts(*s));
  } catch (const ConfigError& e) {
    throw CliError(kUsage, e.what());
  } catch (const LoadError& e) {
    throw CliError(kModule, e.what());
  }
  for (const auto& w : s->assembly.scan.warnings) log_warn("", w);
  for (const auto& w : s->assembly.warnings) log_warn("", w);
  if (!s->assembly.ok()) {
    if (tolerate_module_issues) return s;
    std::string message = "module validation failed:";
    for (const auto& i : s->assembly.issues) message += "\n  " + i.message;
    throw CliError(kModule, message);
  }
  try {
    s->pipeline = std::make_unique<Pipeline>(std::move(s->assembly.setups), s->assembly.resolution.order,
                                             s->config.quarantine_after);
  } catch (const std::runtime_error& e) {
    throw CliError(kModule, e.what());
  }
  return s;
}

std::map<std::string, PortValue> data_ports(const Session& s) {
  auto ports = market_ports(s.data);
  if (s.news) ports.emplace(kNewsPort, news_port(*s.news));
  return ports;
}

std::map<std::string, int32_t> data_port_layouts(const Session& s) {
  auto layouts = market_port_layouts(s.data);
  if (s.news) layouts[kNewsPort] = MOSAIC_LAYOUT_TABLE;
  return layouts;
}

}  // namespace mosaic::host::cli
