#include "host/config/reoptimize_config.hpp"

#include "host/config/optimize_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mosaic::host {
namespace {

constexpr const char* kPrefix = "serve.reoptimize.";

double fraction(const TomlReader& r, const toml::node& n, const std::string& key, bool open_low) {
  const double v = r.number(n, key);
  if (!(open_low ? v > 0 : v >= 0) || !(v <= 1))
    r.fail(n, key, fmt::format("expected a number in {}0, 1], found {}", open_low ? "(" : "[", v));
  return v;
}

void read_gate(const TomlReader& r, const toml::table& t, ReoptimizeGate& g) {
  const std::string prefix = std::string(kPrefix) + "gate.";
  r.only_keys(t, prefix, {"margin", "min_dsr", "max_pbo", "shadow_bars", "shadow_confidence"});
  if (const toml::node* n = t.get("margin")) {
    g.margin = r.number(*n, prefix + "margin");
    if (!std::isfinite(g.margin)) r.fail(*n, prefix + "margin", "expected a finite number");
  }
  if (const toml::node* n = t.get("min_dsr")) g.min_dsr = fraction(r, *n, prefix + "min_dsr", false);
  if (const toml::node* n = t.get("max_pbo")) g.max_pbo = fraction(r, *n, prefix + "max_pbo", false);
  if (const toml::node* n = t.get("shadow_bars"))
    g.shadow_bars = static_cast<size_t>(r.integer(*n, prefix + "shadow_bars", 0, 1'000'000));
  if (g.shadow_bars == 1)
    r.fail(*t.get("shadow_bars"), prefix + "shadow_bars", "expected 0 (no shadow) or at least 2 bars to compare");
  if (const toml::node* n = t.get("shadow_confidence")) {
    g.shadow_confidence = fraction(r, *n, prefix + "shadow_confidence", true);
    if (g.shadow_confidence >= 1) r.fail(*n, prefix + "shadow_confidence", "expected a number in (0, 1)");
  }
}

}  // namespace

ReoptimizeConfig read_reoptimize(const TomlReader& r, const toml::table& t) {
  ReoptimizeConfig c;
  c.line = t.source().begin.line;
  r.only_keys(t, kPrefix, {"every", "window", "holdout", "method", "target", "budget", "threads", "seed", "gate"});
  auto key = [](const char* k) { return std::string(kPrefix) + k; };
  const toml::node* every = t.get("every");
  if (!every) r.fail(t, "serve.reoptimize", "expected `every`: bars between occasions (250) or a duration (\"1h\")");
  if (every->is_integer()) {
    c.every_bars = static_cast<uint64_t>(r.integer(*every, key("every"), 1, INT64_MAX));
  } else {
    std::optional<uint64_t> evaluations;
    const std::string text = r.string(*every, key("every"));
    if (!parse_budget(text, evaluations, c.every_seconds) || !c.every_seconds)
      r.fail(*every, key("every"), fmt::format("expected bars (250) or a duration (\"30m\", \"1h\"), found \"{}\"", text));
  }
  const toml::node* window = t.get("window");
  const toml::node* holdout = t.get("holdout");
  if (!window) r.fail(t, "serve.reoptimize", "expected `window`: the trailing bars each occasion works on");
  if (!holdout) r.fail(t, "serve.reoptimize", "expected `holdout`: the most recent bars the optimizer may not see");
  c.window = static_cast<size_t>(r.integer(*window, key("window"), 20, 100'000'000));
  c.holdout = static_cast<size_t>(r.integer(*holdout, key("holdout"), 2, 100'000'000));
  if (c.holdout * 10 > c.window * 9 || c.window - c.holdout < 10)
    r.fail(*holdout, key("holdout"),
           fmt::format("expected a holdout that leaves the optimizer at least 10% of the window and 10 bars; window {} "
                       "and holdout {} leave {}",
                       c.window, c.holdout, c.window > c.holdout ? c.window - c.holdout : 0));
  if (const toml::node* n = t.get("method")) {
    c.method = r.string(*n, key("method"));
    const auto& methods = optimize_methods();
    if (std::find(methods.begin(), methods.end(), *c.method) == methods.end() || *c.method == "nsga2")
      r.fail(*n, key("method"), fmt::format("expected grid, random, genetic, de, cmaes or pso, found \"{}\"", *c.method));
  }
  if (const toml::node* n = t.get("target")) c.target = r.string(*n, key("target"));
  if (const toml::node* n = t.get("budget")) {
    const std::string text = n->is_integer() ? std::to_string(n->as_integer()->get()) : r.string(*n, key("budget"));
    if (!parse_budget(text, c.max_evaluations, c.max_seconds))
      r.fail(*n, key("budget"),
             fmt::format("expected a number of evaluations (300) or a duration (\"90s\", \"2m\"), found {}", text));
  }
  if (const toml::node* n = t.get("threads")) c.threads = static_cast<int>(r.integer(*n, key("threads"), 1, 1024));
  if (const toml::node* n = t.get("seed")) c.seed = static_cast<uint64_t>(r.integer(*n, key("seed"), 0, INT64_MAX));
  if (const toml::table* g = r.table(t, "gate", key("gate"))) read_gate(r, *g, c.gate);
  return c;
}

}  // namespace mosaic::host
