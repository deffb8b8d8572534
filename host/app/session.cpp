#include "host/app/session.hpp"

#include "host/app/error.hpp"
#include "host/app/lower_errors.hpp"
#include "host/app/install_paths.hpp"
#include "host/data/data_error.hpp"
#include "host/data/price_csv.hpp"
#include "host/loader/plugin_lock.hpp"
#include "host/monitor/log.hpp"
#include "host/pipeline/data_ports.hpp"

#include <fmt/format.h>

namespace mosaic::host::app {
namespace {

// A fill at the open needs opens. The config asks for it and the data (perhaps from --data)
// lacks them, so the error points at the config's key and names the price file.
void require_opens(const Config& c, const MarketData& data) {
  if (c.backtest.fill != Fill::NextOpen || data.has("open")) return;
  const std::string file = c.file.string();
  const size_t line = c.backtest_fill_line;
  throw Error(ErrorKind::Config,
              fmt::format("{}{}: backtest.fill: \"next_open\" trades at the open, but {} has no open prices; "
                          "expected price data with an open column, or fill = \"close\"",
                          file, line ? fmt::format(":{}", line) : "", c.prices.string()),
              {.file = file, .line = line, .key = "backtest.fill"});
}

// The plugin lock, the plugins and, when every module validates, the pipeline.
std::unique_ptr<Session> open_read_session(std::unique_ptr<Session> s, const SessionSpec& spec);

std::unique_ptr<Session> new_session() {
  try {
    return std::make_unique<Session>();  // its shadow folder may be unsafe to use
  } catch (const LoadError& e) {
    throw from(e);
  }
}

void assemble_session(Session& s, bool tolerate_module_issues) {
  if (s.config.plugin_lock) {
    try {
      s.shadow.require_lock(read_plugin_lock(*s.config.plugin_lock));
    } catch (const LockError& e) {
      throw from(e);
    }
  }
  try {
    s.assembly = assemble(s.config, s.plugin_dir, s.shadow, data_port_layouts(s));
  } catch (const ConfigError& e) {
    throw from(e);
  } catch (const LoadError& e) {
    throw from(e);
  }
  for (const auto& w : s.assembly.scan.warnings) log_warn("", w);
  for (const auto& w : s.assembly.warnings) log_warn("", w);
  if (!s.assembly.ok()) {
    if (tolerate_module_issues) return;
    std::string message = "module validation failed:";
    for (const auto& i : s.assembly.issues) message += "\n  " + i.message;
    throw Error(ErrorKind::Module, message, {.module = s.assembly.issues.front().module});
  }
  try {
    s.pipeline = std::make_unique<Pipeline>(std::move(s.assembly.setups), s.assembly.resolution.order,
                                             s.config.quarantine_after);
  } catch (const std::runtime_error& e) {
    throw Error(ErrorKind::Module, e.what());
  }
}

}  // namespace

std::unique_ptr<Session> open_session(const SessionSpec& spec) {
  offer_bundled_data_dir();
  std::unique_ptr<Session> s = new_session();
  try {
    s->config = load_config(spec.config ? *spec.config : default_config());
  } catch (const ConfigError& e) {
    throw from(e);
  }
  return open_read_session(std::move(s), spec);
}

std::unique_ptr<Session> open_session_on_config(Config config, const SessionSpec& spec) {
  offer_bundled_data_dir();
  std::unique_ptr<Session> s = new_session();
  s->config = std::move(config);
  return open_read_session(std::move(s), spec);
}

namespace {

// The rest of open_session, once the config is read.
std::unique_ptr<Session> open_read_session(std::unique_ptr<Session> s, const SessionSpec& spec) {
  if (spec.data) s->config.prices = std::filesystem::absolute(*spec.data);
  if (spec.prices_text) s->config.prices = spec.prices_label;
  if (s->config.prices.empty())
    throw Error(ErrorKind::Config,
                fmt::format("{}: no price file: add [data] prices = \"FILE.csv\" or pass --data FILE",
                            s->config.file.string()),
                {.file = s->config.file.string(), .key = "data.prices"});
  s->plugin_dir = spec.plugins          ? *spec.plugins
                  : s->config.plugins    ? *s->config.plugins
                  : spec.bundled_plugins ? *spec.bundled_plugins
                                         : default_plugin_dir();

  try {
    const PriceReadOptions options{.allow_nonpositive = s->config.allow_nonpositive_prices};
    s->data = spec.prices_text ? parse_price_csv(*spec.prices_text, spec.prices_label, options)
                               : read_price_csv(s->config.prices, options);
  } catch (const DataError& e) {
    throw from(e);
  }
  if (s->data.bars() == 0 || s->data.assets() == 0)
    throw Error(ErrorKind::Data, fmt::format("{}: no prices to run on", s->config.prices.string()),
                {.file = s->config.prices.string()});
  require_opens(s->config, s->data);
  if (s->config.news) {
    try {
      s->news = read_news_csv(*s->config.news);
    } catch (const DataError& e) {
      throw from(e);
    }
  }

  assemble_session(*s, spec.tolerate_module_issues);
  return s;
}

}  // namespace

std::unique_ptr<Session> open_session_on(Config config, MarketData data, const std::filesystem::path& plugin_dir) {
  std::unique_ptr<Session> s = new_session();
  s->config = std::move(config);
  s->data = std::move(data);
  s->plugin_dir = plugin_dir;
  if (s->data.bars() == 0 || s->data.assets() == 0) throw Error(ErrorKind::Data, "no prices to run on");
  require_opens(s->config, s->data);
  assemble_session(*s, false);
  return s;
}

std::map<std::string, PortValue> data_ports(const Session& s) {
  return host::data_ports(s.data, s.news ? &*s.news : nullptr);
}

std::map<std::string, int32_t> data_port_layouts(const Session& s) {
  return host::data_port_layouts(s.data, s.news.has_value());
}

std::vector<std::string> data_port_names(const Session& s) {
  std::vector<std::string> names;
  for (const auto& [name, layout] : data_port_layouts(s)) names.push_back(name);
  return names;
}

}  // namespace mosaic::host::app
