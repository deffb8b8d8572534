#include "host/cli/ablation_runs.hpp"

#include "host/pipeline/market_ports.hpp"
#include "host/research/optional_modules.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mosaic::host::cli {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

AblationRun run_with(Session& s, const AblationPlan& plan, const std::map<std::string, PortValue>& ports,
                     AblationRun run) {
  for (const auto& m : plan.modules) s.pipeline->set_enabled(m, contains(run.enabled, m));
  const RunResult result = s.pipeline->run(ports, shape_of(s.data));
  for (const auto& m : result.modules)
    if (contains(run.enabled, m.name) && m.outcome != CallOutcome::Ok)
      run.not_run.push_back(fmt::format("{} ({})", m.name, outcome_name(m.outcome)));
  run.degraded_reasons = result.degraded_reasons;
  run.backtest = backtest_run(s.data, result, s.config.backtest);
  return run;
}

}  // namespace

AblationPlan plan_ablation(const Session& s) {
  AblationPlan plan;
  std::vector<research::NamedContract> contracts;
  for (const auto& name : s.pipeline->order()) {
    if (!s.pipeline->setup(name).enabled) {
      plan.disabled_in_config.push_back(name);
      continue;
    }
    plan.modules.push_back(name);
    contracts.push_back({name, s.pipeline->contract(name)});
  }
  std::vector<std::string> data_names;
  for (const auto& [name, layout] : data_port_layouts(s)) data_names.push_back(name);
  plan.optional = research::optional_modules(contracts, data_names);
  plan.required = research::required_modules(contracts, data_names);
  return plan;
}

const char* variant_kind_name(VariantKind k) {
  switch (k) {
    case VariantKind::Full: return "full";
    case VariantKind::Without: return "without";
    case VariantKind::Alone: return "alone";
    case VariantKind::RequiredOnly: break;
  }
  return "required_only";
}

std::vector<AblationRun> run_ablation(Session& s, const AblationPlan& plan) {
  const auto ports = data_ports(s);
  std::vector<AblationRun> runs;
  runs.push_back(run_with(s, plan, ports, {VariantKind::Full, "", "full", "full", plan.modules, {}, {}, {}}));
  for (const auto& m : plan.optional) {
    std::vector<std::string> without, alone;
    for (const auto& n : plan.modules) {
      if (n != m) without.push_back(n);
      if (n == m || contains(plan.required, n)) alone.push_back(n);
    }
    runs.push_back(
        run_with(s, plan, ports, {VariantKind::Without, m, "without " + m, "without:" + m, without, {}, {}, {}}));
    runs.push_back(
        run_with(s, plan, ports, {VariantKind::Alone, m, m + " + required", "alone:" + m, alone, {}, {}, {}}));
  }
  if (!plan.optional.empty())
    runs.push_back(run_with(
        s, plan, ports, {VariantKind::RequiredOnly, "", "required only", "required_only", plan.required, {}, {}, {}}));
  for (const auto& m : plan.modules) s.pipeline->set_enabled(m, true);
  return runs;
}

}  // namespace mosaic::host::cli
