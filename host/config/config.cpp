#include "host/config/config.hpp"

#include "host/config/optimize_config.hpp"
#include "host/config/toml_guard.hpp"
#include "host/config/toml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace mosaic::host {
namespace {

void read_data(const TomlReader& r, const toml::table& t, Config& c) {
  r.only_keys(t, "data.", {"prices", "news", "allow_nonpositive_prices"});
  const toml::node* prices = t.get("prices");
  if (!prices) r.fail(t, "data.prices", "missing; expected the path of a price CSV");
  c.prices = r.path(*prices, "data.prices");
  if (const toml::node* news = t.get("news")) c.news = r.path(*news, "data.news");
  if (const toml::node* allow = t.get("allow_nonpositive_prices")) {
    if (!allow->is_boolean()) r.fail(*allow, "data.allow_nonpositive_prices", "expected true or false");
    c.allow_nonpositive_prices = allow->as_boolean()->get();
  }
}

void read_pipeline(const TomlReader& r, const toml::table& t, Config& c) {
  r.only_keys(t, "pipeline.", {"modules", "plugins", "quarantine_after"});
  if (const toml::node* m = t.get("modules")) {
    if (!m->is_array()) r.fail(*m, "pipeline.modules", "expected an array of module names");
    std::set<std::string> seen;
    for (const auto& item : *m->as_array()) {
      std::string name = r.string(item, "pipeline.modules");
      if (name.empty()) r.fail(item, "pipeline.modules", "expected a non-empty module name");
      if (!seen.insert(name).second) r.fail(item, "pipeline.modules", fmt::format("'{}' is listed twice", name));
      c.modules.push_back(name);
    }
  }
  if (const toml::node* p = t.get("plugins")) c.plugins = r.path(*p, "pipeline.plugins");
  if (const toml::node* q = t.get("quarantine_after")) {
    if (!q->is_integer() || q->as_integer()->get() < 1)
      r.fail(*q, "pipeline.quarantine_after", "expected an integer >= 1");
    c.quarantine_after = static_cast<int>(q->as_integer()->get());
  }
}

void read_plugins(const TomlReader& r, const toml::table& t, Config& c) {
  r.only_keys(t, "plugins.", {"lock"});
  if (const toml::node* l = t.get("lock")) c.plugin_lock = r.path(*l, "plugins.lock");
}

void read_backtest(const TomlReader& r, const toml::table& t, Config& c) {
  r.only_keys(t, "backtest.",
              {"cost_bps", "slippage_bps", "risk_free_rate", "periods_per_year", "delay", "fill"});
  if (const toml::node* n = t.get("cost_bps")) {
    double v = r.number(*n, "backtest.cost_bps");
    if (!(v >= 0 && v <= 10000)) r.fail(*n, "backtest.cost_bps", "expected a number of basis points in [0, 10000]");
    c.backtest.cost_bps = v;
  }
  if (const toml::node* n = t.get("slippage_bps")) {
    double v = r.number(*n, "backtest.slippage_bps");
    if (!(v >= 0 && v <= 10000))
      r.fail(*n, "backtest.slippage_bps", "expected a number of basis points in [0, 10000]");
    c.backtest.slippage_bps = v;
  }
  if (const toml::node* n = t.get("risk_free_rate")) {
    double v = r.number(*n, "backtest.risk_free_rate");
    if (!(v > -1 && v <= 1)) r.fail(*n, "backtest.risk_free_rate", "expected an annual rate in (-1, 1], e.g. 0.02");
    c.backtest.risk_free_rate = v;
  }
  if (const toml::node* n = t.get("periods_per_year")) {
    double v = r.number(*n, "backtest.periods_per_year");
    if (!(v > 0 && v <= 1e6)) r.fail(*n, "backtest.periods_per_year", "expected a number of bars per year > 0, e.g. 252");
    c.backtest.periods_per_year = v;
  }
  if (const toml::node* n = t.get("delay")) {
    if (!n->is_integer() || n->as_integer()->get() < 0 || n->as_integer()->get() > kMaxDelay)
      r.fail(*n, "backtest.delay",
             fmt::format("expected a whole number of bars in [0, {}] from a decision to its fill, e.g. 1", kMaxDelay));
    c.backtest.delay = static_cast<size_t>(n->as_integer()->get());
  }
  if (const toml::node* n = t.get("fill")) {
    const auto fill = n->is_string() ? fill_named(n->as_string()->get()) : std::nullopt;
    if (!fill) r.fail(*n, "backtest.fill", "expected \"close\" or \"next_open\"");
    c.backtest.fill = *fill;
    c.backtest_fill_line = n->source().begin.line;
  }
}

// isolate = true, and how the child runs: [modules.<name>.isolation].
void read_isolation(const TomlReader& r, const std::string& prefix, const toml::table& t, ModuleConfig& m) {
  bool isolate = false;
  if (const toml::node* e = t.get("isolate")) {
    if (!e->is_boolean()) r.fail(*e, prefix + "isolate", "expected true or false");
    isolate = e->as_boolean()->get();
  }
  const toml::table* table = r.table(t, "isolation", prefix + "isolation");
  if (table && !isolate)
    r.fail(*t.get("isolation"), prefix + "isolation", "applies only with isolate = true in [" + prefix.substr(0, prefix.size() - 1) + "]");
  if (!isolate) return;
  ModuleIsolation iso;
  if (table) {
    const std::string at = prefix + "isolation.";
    r.only_keys(*table, at, {"timeout_ms", "memory_mb", "quarantine_after_crashes"});
    if (const toml::node* n = table->get("timeout_ms")) {
      iso.timeout_ms = r.number(*n, at + "timeout_ms");
      if (!(iso.timeout_ms > 0)) r.fail(*n, at + "timeout_ms", "expected a number of milliseconds > 0");
    }
    if (const toml::node* n = table->get("memory_mb")) {
      if (!n->is_integer() || n->as_integer()->get() < 0) r.fail(*n, at + "memory_mb", "expected an integer >= 0 (0 = no limit)");
      iso.memory_mb = static_cast<uint64_t>(n->as_integer()->get());
    }
    if (const toml::node* n = table->get("quarantine_after_crashes")) {
      if (!n->is_integer() || n->as_integer()->get() < 1) r.fail(*n, at + "quarantine_after_crashes", "expected an integer >= 1");
      iso.quarantine_after_crashes = static_cast<int>(n->as_integer()->get());
    }
  }
  m.isolation = iso;
}

void read_module(const TomlReader& r, const std::string& name, const toml::table& t, Config& c) {
  const std::string prefix = "modules." + name + ".";
  r.only_keys(t, prefix, {"enabled", "params", "sla", "isolate", "isolation"});
  ModuleConfig m;
  if (const toml::node* e = t.get("enabled")) {
    if (!e->is_boolean()) r.fail(*e, prefix + "enabled", "expected true or false");
    m.enabled = e->as_boolean()->get();
  }
  read_isolation(r, prefix, t, m);
  m.params = r.table(t, "params", prefix + "params");
  if (const toml::table* s = r.table(t, "sla", prefix + "sla")) {
    r.only_keys(*s, prefix + "sla.", {"max_latency_ms", "min_confidence"});
    if (const toml::node* l = s->get("max_latency_ms")) {
      double v = r.number(*l, prefix + "sla.max_latency_ms");
      if (!(v >= 0)) r.fail(*l, prefix + "sla.max_latency_ms", "expected a number >= 0 (0 = no limit)");
      m.max_latency_ms = v;
    }
    if (const toml::node* l = s->get("min_confidence")) {
      double v = r.number(*l, prefix + "sla.min_confidence");
      if (!(v >= 0 && v <= 1)) r.fail(*l, prefix + "sla.min_confidence", "expected a number in [0, 1]");
      m.min_confidence = v;
    }
  }
  c.module_configs[name] = std::move(m);
}

Config from_table(std::shared_ptr<const toml::table> document, std::string text, const fs::path& file) {
  TomlReader r(file);
  Config c;
  c.document = document;
  const toml::table& root = *document;
  c.file = file;
  c.text = std::move(text);
  r.only_keys(root, "", {"data", "pipeline", "plugins", "modules", "backtest", "optimize", "serve"});
  // [data] may be left out when the price file comes from the command line (--data).
  if (const toml::table* data = r.table(root, "data", "data")) read_data(r, *data, c);
  if (const toml::table* p = r.table(root, "pipeline", "pipeline")) read_pipeline(r, *p, c);
  if (const toml::table* p = r.table(root, "plugins", "plugins")) read_plugins(r, *p, c);
  if (const toml::table* b = r.table(root, "backtest", "backtest")) read_backtest(r, *b, c);
  if (const toml::table* o = r.table(root, "optimize", "optimize")) {
    c.optimize = read_optimize(r, *o);
    for (const auto& [module, params] : c.optimize.space) {
      (void)params;
      if (!c.modules.empty() && std::find(c.modules.begin(), c.modules.end(), module) == c.modules.end())
        throw ConfigError(r.file(), c.optimize.lines.at(module), "optimize.space." + module,
                          fmt::format("'{}' is not listed in pipeline.modules", module));
    }
  }
  if (const toml::table* serve = r.table(root, "serve", "serve")) {
    r.only_keys(*serve, "serve.", {"reoptimize"});
    if (const toml::table* t = r.table(*serve, "reoptimize", "serve.reoptimize")) c.reoptimize = read_reoptimize(r, *t);
  }
  if (const toml::table* mods = r.table(root, "modules", "modules")) {
    for (auto&& [k, v] : *mods) {
      const std::string name(k.str());
      if (!v.is_table()) r.fail(v, "modules." + name, "expected a table");
      // With no list every module in the plugin folder runs, so any name may be configured.
      if (!c.modules.empty() && std::find(c.modules.begin(), c.modules.end(), name) == c.modules.end())
        r.fail(v, "modules." + name, fmt::format("'{}' is not listed in pipeline.modules", name));
      read_module(r, name, *v.as_table(), c);
    }
  }
  return c;
}

}  // namespace

const ModuleConfig& Config::module(const std::string& name) const {
  static const ModuleConfig kDefault;
  auto it = module_configs.find(name);
  return it == module_configs.end() ? kDefault : it->second;
}

Config parse_config(std::string_view text, const fs::path& file) {
  check_toml_text(text, file);
  try {
    auto root = std::make_shared<const toml::table>(toml::parse(text, file.string()));
    return from_table(std::move(root), std::string(text), file);
  } catch (const toml::parse_error& e) {
    throw ConfigError(file.string(), e.source().begin.line, "", fmt::format("TOML syntax error: {}", e.description()));
  }
}

Config load_config(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string(), 0, "", "cannot open the config file");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), fs::absolute(file));
}

}  // namespace mosaic::host
