#include "host/cli/optimize_plan.hpp"

#include "host/cli/cli_error.hpp"
#include "host/data/timestamp.hpp"
#include "host/research/optional_modules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace mosaic::host::cli {
namespace {

// "FILE:LINE: optimize.space.LABEL: ..." for a SpaceError that starts with a label the
// config wrote.
CliError space_error(const Session& s, const OptimizeConfig& c, const std::string& message) {
  size_t line = c.line;
  std::string key = "optimize.space";
  for (const auto& [label, at] : c.lines)
    if (message.rfind(label + ":", 0) == 0 || message.rfind("optimize.space." + label + ":", 0) == 0) {
      line = at;
      key.clear();
    }
  const std::string where = line ? fmt::format("{}:{}", s.config.file.string(), line) : s.config.file.string();
  return CliError(kUsage, key.empty() ? fmt::format("{}: optimize.space.{}", where, message)
                                      : fmt::format("{}: {}: {}", where, key, message));
}

void apply_options(OptimizeConfig& c, const CommonOptions& o) {
  if (o.method) {
    const auto& methods = optimize_methods();
    if (std::find(methods.begin(), methods.end(), *o.method) == methods.end())
      throw CliError(kUsage, fmt::format("--method expects grid, random, genetic, de, cmaes, pso or nsga2, found '{}'",
                                         *o.method));
    c.method = *o.method;
  }
  if (o.target) {
    c.targets.clear();
    std::string t = *o.target;
    for (size_t at; (at = t.find(',')) != std::string::npos; t = t.substr(at + 1)) c.targets.push_back(t.substr(0, at));
    c.targets.push_back(t);
  }
  if (o.budget) {
    c.max_evaluations.reset();
    c.max_seconds.reset();
    if (!parse_budget(*o.budget, c.max_evaluations, c.max_seconds))
      throw CliError(kUsage, fmt::format("--budget expects a number of evaluations (5000) or a duration (90s, 2m, 1h), "
                                         "found '{}'",
                                         *o.budget));
  }
  if (o.threads) c.threads = *o.threads;
  if (o.seed_given) c.seed = o.seed;
  if (o.walk_forward) c.walk_forward = *o.walk_forward;
  if (o.train_fraction) c.train_fraction = *o.train_fraction;
}

std::vector<Fold> make_folds(const OptimizeConfig& c, size_t bars) {
  std::vector<Fold> folds;
  if (c.walk_forward > 0) {
    // K anchored folds: the bars cut into K + 1 blocks; fold k trains on blocks 0..k-1 and
    // tests on block k.
    const size_t k = static_cast<size_t>(c.walk_forward);
    for (size_t f = 1; f <= k; ++f) folds.push_back({bars * f / (k + 1), bars * (f + 1) / (k + 1)});
  } else {
    folds.push_back({static_cast<size_t>(static_cast<double>(bars) * c.train_fraction), bars});
    if (c.train_fraction >= 1) folds.back().train_end = bars;
  }
  for (const auto& f : folds) {
    if (f.train_end < 3)
      throw CliError(kUsage, fmt::format("the data's {} bars leave {} for training; need at least 3 (lower "
                                         "walk_forward or raise train_fraction)",
                                         bars, f.train_end));
    if (f.test_end > f.train_end && f.test_end - f.train_end < 2)
      throw CliError(kUsage, fmt::format("the data's {} bars leave {} for the test; need at least 2", bars,
                                         f.test_end - f.train_end));
  }
  return folds;
}

}  // namespace

OptimizePlan make_optimize_plan(const Session& s, const CommonOptions& o) {
  OptimizePlan plan;
  plan.config = s.config.optimize;
  OptimizeConfig& c = plan.config;
  apply_options(c, o);
  const std::string file = s.config.file.string();

  for (const auto& t : c.targets) {
    try {
      plan.settings.targets.push_back(research::metric_target(t));
    } catch (const std::invalid_argument& e) {
      throw CliError(kUsage, fmt::format("{}: optimize.target: {}", file, e.what()));
    }
  }
  if (c.method == "nsga2" && c.targets.size() != 2)
    throw CliError(kUsage, fmt::format("{}: optimize.targets: nsga2 optimizes two metrics, e.g. targets = [\"sharpe\", "
                                       "\"max_drawdown\"] or --target sharpe,max_drawdown; found {}",
                                       file, c.targets.size()));
  if (c.method != "nsga2" && c.targets.size() != 1)
    throw CliError(kUsage, fmt::format("{}: optimize.target: {} optimizes one metric; two need --method nsga2", file,
                                       c.method));

  const Pipeline& p = *s.pipeline;
  std::vector<research::NamedContract> named;
  for (const auto& name : p.order()) named.push_back({name, p.contract(name)});
  std::vector<std::string> data_names;
  for (const auto& [name, layout] : data_port_layouts(s)) data_names.push_back(name);
  plan.optional_modules = research::optional_modules(named, data_names);

  std::vector<research::SpaceModule> modules;
  std::vector<std::string> switches;
  SpaceOverrides overrides = c.space;
  for (const auto& name : p.order()) {
    research::SpaceModule m{name, p.contract(name), p.setup(name).params, p.setup(name).enabled};
    if (auto fixed = c.fixed_enabled.find(name); fixed != c.fixed_enabled.end()) {
      m.enabled = fixed->second;
    } else if (c.switches &&
               std::find(plan.optional_modules.begin(), plan.optional_modules.end(), name) != plan.optional_modules.end()) {
      switches.push_back(name);
    }
    if (c.search_only.count(name))
      for (const auto& d : m.contract.params)
        if (!overrides[name].count(d.name)) overrides[name][d.name] = ParamOverride::left_out();
    modules.push_back(std::move(m));
  }
  for (const auto& [name, on] : c.fixed_enabled)
    if (on == false && std::find(plan.optional_modules.begin(), plan.optional_modules.end(), name) ==
                           plan.optional_modules.end() && p.has(name))
      throw CliError(kUsage, fmt::format("{}:{}: optimize.space.{}.enabled: {} is required (without it the pipeline "
                                         "produces no weights), so it cannot be fixed off",
                                         file, c.lines.count(name) ? c.lines.at(name) : c.line, name, name));
  try {
    plan.space = research::SearchSpace(std::move(modules), switches, overrides);
  } catch (const research::SpaceError& e) {
    throw space_error(s, c, e.what());
  }

  for (size_t i = 0; i < c.constraints.size(); ++i) {
    try {
      plan.settings.constraints.push_back(research::parse_constraint(c.constraints[i], plan.space));
    } catch (const std::invalid_argument& e) {
      const auto at = c.lines.find(fmt::format("constraints[{}]", i));
      throw CliError(kUsage, fmt::format("{}:{}: optimize.constraints[{}]: {}", file,
                                         at == c.lines.end() ? c.line : at->second, i, e.what()));
    }
  }
  plan.settings.method = c.method;
  plan.settings.max_evaluations = c.max_evaluations;
  plan.settings.max_seconds = c.max_seconds;
  if (!c.max_evaluations && !c.max_seconds) plan.settings.max_evaluations = c.method == "grid" ? 100000 : 1000;
  plan.settings.threads = c.threads > 0 ? c.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  plan.settings.seed = c.seed;
  plan.settings.population = c.population;
  plan.recipe.order = p.order();
  for (const auto& name : p.order()) plan.recipe.setups.push_back(p.setup(name));
  plan.folds = make_folds(c, s.data.bars());
  return plan;
}

std::string describe_plan(const OptimizePlan& plan, const Session& s) {
  const auto& c = plan.config;
  std::string out = fmt::format("search space of {}\n{}\n", s.config.file.string(), plan.space.describe());
  if (!plan.settings.constraints.empty()) {
    out += "constraints\n";
    for (const auto& k : plan.settings.constraints)
      out += fmt::format("  {}  ({})\n", k.text, k.on_metrics() ? "on the metrics: infeasible results are penalised"
                                                                 : "on the parameters: breaking configs are not run");
  }
  std::string targets;
  for (const auto& t : plan.settings.targets) targets += fmt::format("{}{} ({})", targets.empty() ? "" : ", ", t.name,
                                                                     t.maximize ? "maximize" : "minimize");
  std::string budget;
  if (plan.settings.max_evaluations) budget = fmt::format("{} evaluations", *plan.settings.max_evaluations);
  if (plan.settings.max_seconds)
    budget += fmt::format("{}{:g} s", budget.empty() ? "" : " or ", *plan.settings.max_seconds);
  out += fmt::format("method {}, target {}, budget {}, {} thread(s), seed {}\n", c.method, targets, budget,
                     plan.settings.threads, c.seed);
  for (size_t i = 0; i < plan.folds.size(); ++i) {
    const Fold& f = plan.folds[i];
    const auto& ts = s.data.ts;
    out += fmt::format("fold {}: train {} bars ({} to {})", i + 1, f.train_end, format_timestamp(ts.front()),
                       format_timestamp(ts[f.train_end - 1]));
    if (f.test_end > f.train_end)
      out += fmt::format(", test {} bars ({} to {})", f.test_end - f.train_end, format_timestamp(ts[f.train_end]),
                         format_timestamp(ts[f.test_end - 1]));
    else
      out += ", no test (train_fraction = 1)";
    out += "\n";
  }
  return out;
}

}  // namespace mosaic::host::cli
