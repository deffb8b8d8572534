#include "host/app/optimize_plan.hpp"

#include "host/app/error.hpp"
#include "host/research/optional_modules.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <thread>

namespace mosaic::host::app {
namespace {

// "FILE:LINE: optimize.space.LABEL: ..." when the config wrote the key the problem is
// about, else "FILE[:LINE]: optimize.space: ...".
Error space_error(const Session& s, const OptimizeConfig& c, const research::SpaceError& e) {
  const auto at = c.lines.find(e.label);
  const bool known = !e.label.empty() && at != c.lines.end();
  const size_t line = known ? at->second : c.line;
  const std::string file = s.config.file.string();
  const std::string where = line ? fmt::format("{}:{}", file, line) : file;
  const std::string what = e.what();
  const bool prefixed = what.rfind("optimize.space.", 0) == 0;
  const std::string message = known ? fmt::format("{}: {}{}", where, prefixed ? "" : "optimize.space.", what)
                                    : fmt::format("{}: optimize.space: {}", where, what);
  return Error(ErrorKind::Config, message,
               {.file = file, .line = line, .key = known ? "optimize.space." + e.label : "optimize.space"});
}

void apply_spec(OptimizeConfig& c, const OptimizeSpec& spec) {
  if (spec.method) {
    const auto& methods = optimize_methods();
    if (std::find(methods.begin(), methods.end(), *spec.method) == methods.end())
      throw Error(ErrorKind::Usage,
                  fmt::format("method: expected grid, random, genetic, de, cmaes, pso or nsga2, found '{}'",
                              *spec.method),
                  {.key = "method"});
    c.method = *spec.method;
  }
  if (spec.targets) c.targets = *spec.targets;
  if (spec.max_evaluations || spec.max_seconds) {
    c.max_evaluations = spec.max_evaluations;
    c.max_seconds = spec.max_seconds;
  }
  if (spec.threads) c.threads = *spec.threads;
  if (spec.seed) c.seed = *spec.seed;
  if (spec.walk_forward) c.walk_forward = *spec.walk_forward;
  if (spec.rolling) c.rolling = *spec.rolling;
  if (spec.train_fraction) c.train_fraction = *spec.train_fraction;
}

}  // namespace

OptimizePlan plan_optimize(const Session& s, const OptimizeSpec& spec) {
  OptimizePlan plan;
  plan.config = s.config.optimize;
  OptimizeConfig& c = plan.config;
  apply_spec(c, spec);
  const std::string file = s.config.file.string();

  for (const auto& t : c.targets) {
    try {
      plan.settings.targets.push_back(research::metric_target(t));
    } catch (const std::invalid_argument& e) {
      throw Error(ErrorKind::Config, fmt::format("{}: optimize.target: {}", file, e.what()),
                  {.file = file, .key = "optimize.target"});
    }
  }
  if (c.method == "nsga2" && c.targets.size() != 2)
    throw Error(ErrorKind::Config,
                fmt::format("{}: optimize.targets: nsga2 optimizes two metrics, e.g. targets = [\"sharpe\", "
                            "\"max_drawdown\"] or --target sharpe,max_drawdown; found {}",
                            file, c.targets.size()),
                {.file = file, .key = "optimize.targets"});
  if (c.method != "nsga2" && c.targets.size() != 1)
    throw Error(ErrorKind::Config,
                fmt::format("{}: optimize.target: {} optimizes one metric; two need --method nsga2", file, c.method),
                {.file = file, .key = "optimize.target"});

  const Pipeline& p = *s.pipeline;
  std::vector<research::NamedContract> named;
  for (const auto& name : p.order()) named.push_back({name, p.contract(name)});
  plan.optional_modules = research::optional_modules(named, data_port_names(s));

  // [optimize] only: the modules named are searched as usual; every other one keeps its
  // configured parameters and switch.
  const size_t only_line = c.lines.count("only") ? c.lines.at("only") : c.line;
  for (const auto& name : c.only)
    if (!p.has(name))
      throw Error(ErrorKind::Config,
                  fmt::format("{}:{}: optimize.only: '{}' is not in the pipeline ({})", file, only_line, name,
                              fmt::join(p.order(), ", ")),
                  {.file = file, .line = only_line, .key = "optimize.only", .module = name});
  auto searched = [&](const std::string& name) {
    return c.only.empty() || std::find(c.only.begin(), c.only.end(), name) != c.only.end();
  };
  for (const auto& [name, table] : c.space)
    if (!searched(name) && !table.empty()) {
      const size_t line = c.lines.count(name) ? c.lines.at(name) : c.line;
      throw Error(ErrorKind::Config,
                  fmt::format("{}:{}: optimize.space.{}: '{}' is not in optimize.only, so nothing of it is searched; "
                              "add it to only or drop the table",
                              file, line, name, name),
                  {.file = file, .line = line, .key = "optimize.space." + name, .module = name});
    }

  std::vector<research::SpaceModule> modules;
  std::vector<std::string> switches;
  SpaceOverrides overrides = c.space;
  for (const auto& name : p.order()) {
    research::SpaceModule m{name, p.contract(name), p.setup(name).params, p.setup(name).enabled};
    if (auto fixed = c.fixed_enabled.find(name); fixed != c.fixed_enabled.end()) {
      m.enabled = fixed->second;
    } else if (c.switches && searched(name) &&
               std::find(plan.optional_modules.begin(), plan.optional_modules.end(), name) !=
                   plan.optional_modules.end()) {
      switches.push_back(name);
    }
    if (c.search_only.count(name) || !searched(name))
      for (const auto& d : m.contract.params)
        if (!overrides[name].count(d.name)) overrides[name][d.name] = ParamOverride::left_out();
    modules.push_back(std::move(m));
  }
  for (const auto& [name, on] : c.fixed_enabled)
    if (on == false &&
        std::find(plan.optional_modules.begin(), plan.optional_modules.end(), name) == plan.optional_modules.end() &&
        p.has(name)) {
      const size_t line = c.lines.count(name) ? c.lines.at(name) : c.line;
      throw Error(ErrorKind::Config,
                  fmt::format("{}:{}: optimize.space.{}.enabled: {} is required (without it the pipeline "
                              "produces no weights), so it cannot be fixed off",
                              file, line, name, name),
                  {.file = file, .line = line, .key = fmt::format("optimize.space.{}.enabled", name), .module = name});
    }
  try {
    plan.space = research::SearchSpace(std::move(modules), switches, overrides);
  } catch (const research::SpaceError& e) {
    throw space_error(s, c, e);
  }

  for (size_t i = 0; i < c.constraints.size(); ++i) {
    try {
      plan.settings.constraints.push_back(research::parse_constraint(c.constraints[i], plan.space));
    } catch (const std::invalid_argument& e) {
      const auto at = c.lines.find(fmt::format("constraints[{}]", i));
      const size_t line = at == c.lines.end() ? c.line : at->second;
      throw Error(ErrorKind::Config, fmt::format("{}:{}: optimize.constraints[{}]: {}", file, line, i, e.what()),
                  {.file = file, .line = line, .key = fmt::format("optimize.constraints[{}]", i)});
    }
  }
  // The relations the contracts declare (technical's fast < slow), unless the config states
  // the same one: the optimizer never proposes what a module would refuse.
  for (const auto& name : p.order())
    for (const auto& relation : p.contract(name).constraints) {
      const std::string text = relation.qualified(name);
      const bool stated = std::any_of(plan.settings.constraints.begin(), plan.settings.constraints.end(),
                                      [&](const research::Constraint& k) { return k.text == text; });
      if (stated) continue;
      research::Constraint k = research::parse_constraint(text, plan.space);
      k.declared_by = name;
      plan.settings.constraints.push_back(std::move(k));
    }
  plan.settings.method = c.method;
  plan.settings.max_evaluations = c.max_evaluations;
  plan.settings.max_seconds = c.max_seconds;
  if (!c.max_evaluations && !c.max_seconds) plan.settings.max_evaluations = c.method == "grid" ? 100000 : 1000;
  plan.settings.pbo_blocks = c.pbo_blocks;
  plan.settings.out_of_sample = c.out_of_sample;
  plan.settings.cache_bytes = c.cache_mb << 20;
  plan.settings.threads = c.threads > 0 ? c.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  plan.settings.seed = c.seed;
  plan.settings.population = c.population;
  plan.recipe.order = p.order();
  for (const auto& name : p.order()) plan.recipe.setups.push_back(p.setup(name));
  try {
    plan.folds = research::plan_folds(c.walk_forward, c.train_fraction, s.data.bars(), c.rolling);
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::Usage, e.what(), {.key = c.walk_forward > 0 ? "walk_forward" : "train_fraction"});
  }
  return plan;
}

}  // namespace mosaic::host::app
