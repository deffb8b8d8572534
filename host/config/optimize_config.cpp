#include "host/config/optimize_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace mosaic::host {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::vector<std::string> strings(const TomlReader& r, const toml::node& n, const std::string& key) {
  if (!n.is_array()) r.fail(n, key, fmt::format("expected an array of strings, found {}", TomlReader::type_name(n)));
  std::vector<std::string> out;
  for (const auto& item : *n.as_array()) out.push_back(r.string(item, key));
  return out;
}

std::optional<ParamValue> scalar(const toml::node& n) {
  if (n.is_integer()) return ParamValue::of_int(n.as_integer()->get());
  if (n.is_floating_point()) return ParamValue::of_float(n.as_floating_point()->get());
  if (n.is_boolean()) return ParamValue::of_bool(n.as_boolean()->get());
  if (n.is_string()) return ParamValue::of_string(n.as_string()->get());
  return std::nullopt;
}

// One [optimize.space.<module>] entry: false, a bare value, or a table of
// min/max/step, choices, value or exclude.
ParamOverride read_override(const TomlReader& r, const toml::node& n, const std::string& key) {
  if (n.is_boolean() && !n.as_boolean()->get()) return ParamOverride::left_out();
  if (auto v = scalar(n)) return ParamOverride::fixed(*v);
  if (!n.is_table())
    r.fail(n, key,
           fmt::format("expected false (leave out), a value (fix), or a table of min/max/step, choices, value or "
                       "exclude; found {}",
                       TomlReader::type_name(n)));
  const toml::table& t = *n.as_table();
  r.only_keys(t, key + ".", {"min", "max", "step", "choices", "value", "exclude"});
  ParamOverride o;
  if (const toml::node* x = t.get("min")) o.min = r.number(*x, key + ".min");
  if (const toml::node* x = t.get("max")) o.max = r.number(*x, key + ".max");
  if (const toml::node* x = t.get("step")) {
    o.step = r.number(*x, key + ".step");
    if (!(*o.step >= 0)) r.fail(*x, key + ".step", "expected a step >= 0");
  }
  if (const toml::node* x = t.get("choices")) {
    o.choices = strings(r, *x, key + ".choices");
    if (o.choices.empty()) r.fail(*x, key + ".choices", "expected at least one choice");
  }
  if (const toml::node* x = t.get("value")) {
    auto v = scalar(*x);
    if (!v) r.fail(*x, key + ".value", "expected a number, string or boolean");
    o.value = *v;
  }
  if (const toml::node* x = t.get("exclude")) {
    if (!x->is_boolean()) r.fail(*x, key + ".exclude", "expected true or false");
    o.exclude = x->as_boolean()->get();
  }
  return o;
}

void read_space_module(const TomlReader& r, const std::string& module, const toml::table& t, OptimizeConfig& c) {
  const std::string prefix = "optimize.space." + module;
  auto& params = c.space[module];
  c.lines[module] = t.source().begin.line;
  if (const toml::node* e = t.get("enabled")) {
    if (!e->is_boolean()) r.fail(*e, prefix + ".enabled", "expected true or false (fixes the module on or off)");
    c.fixed_enabled[module] = e->as_boolean()->get();
  }
  std::vector<std::string> search;
  const toml::node* search_node = t.get("search");
  if (search_node) {
    search = strings(r, *search_node, prefix + ".search");  // [] searches none of them
  }
  for (auto&& [k, v] : t) {
    const std::string name(k.str());
    if (name == "enabled" || name == "search") continue;
    const std::string key = prefix + "." + name;
    if (search_node && std::find(search.begin(), search.end(), name) == search.end())
      r.fail(v, key, fmt::format("'{}' is not in {}.search ({}); list it there or leave it out", name, prefix,
                                 join(search)));
    params[name] = read_override(r, v, key);
    c.lines[module + "." + name] = v.source().begin.line;
  }
  // With `search`, every parameter not listed is left out; SearchSpace learns which ones
  // exist from the contract, so the list is kept as a marker entry per listed name.
  if (search_node) {
    for (const auto& name : search)
      if (!params.count(name)) {
        params[name] = ParamOverride{};
        c.lines[module + "." + name] = search_node->source().begin.line;
      }
    c.search_only.insert(module);
  }
}

}  // namespace

bool parse_budget(const std::string& text, std::optional<uint64_t>& evaluations, std::optional<double>& seconds) {
  if (text.empty()) return false;
  if (std::all_of(text.begin(), text.end(), [](unsigned char ch) { return std::isdigit(ch); })) {
    if (text.size() > 15) return false;
    uint64_t n = std::stoull(text);
    if (n == 0) return false;
    evaluations = n;
    return true;
  }
  double total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
    if (j == i || j == text.size()) return false;
    double v;
    try {
      v = std::stod(text.substr(i, j - i));
    } catch (const std::exception&) {
      return false;
    }
    switch (text[j]) {
      case 's': total += v; break;
      case 'm': total += 60 * v; break;
      case 'h': total += 3600 * v; break;
      default: return false;
    }
    i = j + 1;
  }
  if (!(total > 0) || !std::isfinite(total)) return false;
  seconds = total;
  return true;
}

OptimizeConfig read_optimize(const TomlReader& r, const toml::table& t) {
  OptimizeConfig c;
  c.line = t.source().begin.line;
  r.only_keys(t, "optimize.",
              {"method", "target", "targets", "budget", "threads", "seed", "train_fraction", "walk_forward",
               "walk_forward_mode", "population", "switches", "pbo_blocks", "cache_mb", "out_of_sample", "only", "constraints", "space"});
  if (const toml::node* n = t.get("method")) {
    c.method = r.string(*n, "optimize.method");
    const auto& methods = optimize_methods();
    if (std::find(methods.begin(), methods.end(), c.method) == methods.end())
      r.fail(*n, "optimize.method", fmt::format("expected one of {}, found \"{}\"", join(methods), c.method));
  }
  if (t.get("target") && t.get("targets"))
    r.fail(*t.get("targets"), "optimize.targets", "give either target or targets, not both");
  if (const toml::node* n = t.get("target")) c.targets = {r.string(*n, "optimize.target")};
  if (const toml::node* n = t.get("targets")) {
    c.targets = strings(r, *n, "optimize.targets");
    if (c.targets.empty() || c.targets.size() > 2)
      r.fail(*n, "optimize.targets", "expected one metric, or two for nsga2");
  }
  if (const toml::node* n = t.get("budget")) {
    std::string text = n->is_integer() ? std::to_string(n->as_integer()->get()) : r.string(*n, "optimize.budget");
    if (!parse_budget(text, c.max_evaluations, c.max_seconds))
      r.fail(*n, "optimize.budget",
             fmt::format("expected a number of evaluations (5000) or a duration (\"90s\", \"2m\", \"1h\"), found {}",
                         text));
  }
  if (const toml::node* n = t.get("threads")) c.threads = static_cast<int>(r.integer(*n, "optimize.threads", 0, 1024));
  if (const toml::node* n = t.get("seed"))
    c.seed = static_cast<uint64_t>(r.integer(*n, "optimize.seed", 0, INT64_MAX));
  if (const toml::node* n = t.get("train_fraction")) {
    c.train_fraction = r.number(*n, "optimize.train_fraction");
    if (!(c.train_fraction > 0 && c.train_fraction <= 1))
      r.fail(*n, "optimize.train_fraction", "expected a fraction in (0, 1]; 1 leaves no out-of-sample test");
  }
  if (const toml::node* n = t.get("walk_forward"))
    c.walk_forward = static_cast<int>(r.integer(*n, "optimize.walk_forward", 0, 50));
  if (const toml::node* n = t.get("walk_forward_mode")) {
    const std::string mode = r.string(*n, "optimize.walk_forward_mode");
    if (mode != "anchored" && mode != "rolling")
      r.fail(*n, "optimize.walk_forward_mode", fmt::format("expected \"anchored\" or \"rolling\", found \"{}\"", mode));
    c.rolling = mode == "rolling";
  }
  if (const toml::node* n = t.get("population"))
    c.population = static_cast<int>(r.integer(*n, "optimize.population", 0, 100000));
  if (const toml::node* n = t.get("switches")) {
    if (!n->is_boolean()) r.fail(*n, "optimize.switches", "expected true or false");
    c.switches = n->as_boolean()->get();
  }
  if (const toml::node* n = t.get("pbo_blocks")) {
    c.pbo_blocks = static_cast<size_t>(r.integer(*n, "optimize.pbo_blocks", 2, 24));
    if (c.pbo_blocks % 2) r.fail(*n, "optimize.pbo_blocks", "expected an even number of blocks in [2, 24]");
  }
  if (const toml::node* n = t.get("cache_mb"))
    c.cache_mb = static_cast<size_t>(r.integer(*n, "optimize.cache_mb", 0, 1 << 20));
  if (const toml::node* n = t.get("only")) {
    c.only = strings(r, *n, "optimize.only");
    if (c.only.empty()) r.fail(*n, "optimize.only", "expected the names of the modules to search, e.g. [\"volbreak\"]");
    c.lines["only"] = n->source().begin.line;
  }
  if (const toml::node* n = t.get("out_of_sample")) {
    if (n->is_string() && n->as_string()->get() == "all") c.out_of_sample = SIZE_MAX;
    else if (n->is_integer()) c.out_of_sample = static_cast<size_t>(r.integer(*n, "optimize.out_of_sample", 0, INT64_MAX));
    else r.fail(*n, "optimize.out_of_sample", "expected a number of strategies (1000) or \"all\"");
  }
  if (const toml::node* n = t.get("constraints")) {
    if (!n->is_array()) r.fail(*n, "optimize.constraints", "expected an array of strings like \"max_drawdown < 0.25\"");
    size_t i = 0;
    for (const auto& item : *n->as_array()) {
      c.constraints.push_back(r.string(item, fmt::format("optimize.constraints[{}]", i)));
      c.lines[fmt::format("constraints[{}]", i)] = item.source().begin.line;
      ++i;
    }
  }
  if (const toml::table* space = r.table(t, "space", "optimize.space")) {
    for (auto&& [k, v] : *space) {
      const std::string module(k.str());
      if (!v.is_table()) r.fail(v, "optimize.space." + module, "expected a table of the module's parameters");
      read_space_module(r, module, *v.as_table(), c);
    }
  }
  return c;
}

}  // namespace mosaic::host
