#include "host/research/ablation_runs.hpp"

#include "host/pipeline/market_ports.hpp"
#include "host/research/optional_modules.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mosaic::host::research {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

struct Bench {
  Pipeline& pipeline;
  const AblationPlan& plan;
  const std::map<std::string, PortValue>& ports;
  const MarketData& data;
  const BacktestSettings& backtest;
};

AblationRun run_with(const Bench& b, AblationRun run) {
  for (const auto& m : b.plan.modules) b.pipeline.set_enabled(m, contains(run.enabled, m));
  const RunResult result = b.pipeline.run(b.ports, shape_of(b.data));
  for (const auto& m : result.modules)
    if (contains(run.enabled, m.name) && m.outcome != CallOutcome::Ok)
      run.not_run.push_back(fmt::format("{} ({})", m.name, outcome_name(m.outcome)));
  run.degraded_reasons = result.degraded_reasons;
  run.backtest = backtest_weights(b.data, result, b.backtest);
  return run;
}

}  // namespace

AblationPlan plan_ablation(const Pipeline& pipeline, const std::vector<std::string>& data_ports) {
  AblationPlan plan;
  std::vector<NamedContract> contracts;
  for (const auto& name : pipeline.order()) {
    if (!pipeline.setup(name).enabled) {
      plan.disabled_in_config.push_back(name);
      continue;
    }
    plan.modules.push_back(name);
    contracts.push_back({name, pipeline.contract(name)});
  }
  plan.optional = optional_modules(contracts, data_ports);
  plan.required = required_modules(contracts, data_ports);
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

std::vector<AblationRun> run_ablation(Pipeline& pipeline, const AblationPlan& plan,
                                      const std::map<std::string, PortValue>& ports, const MarketData& data,
                                      const BacktestSettings& backtest) {
  const Bench b{pipeline, plan, ports, data, backtest};
  std::vector<AblationRun> runs;
  runs.push_back(run_with(b, {VariantKind::Full, "", "full", "full", plan.modules, {}, {}, {}}));
  for (const auto& m : plan.optional) {
    std::vector<std::string> without, alone;
    for (const auto& n : plan.modules) {
      if (n != m) without.push_back(n);
      if (n == m || contains(plan.required, n)) alone.push_back(n);
    }
    runs.push_back(run_with(b, {VariantKind::Without, m, "without " + m, "without:" + m, without, {}, {}, {}}));
    runs.push_back(run_with(b, {VariantKind::Alone, m, m + " + required", "alone:" + m, alone, {}, {}, {}}));
  }
  if (!plan.optional.empty())
    runs.push_back(
        run_with(b, {VariantKind::RequiredOnly, "", "required only", "required_only", plan.required, {}, {}, {}}));
  for (const auto& m : plan.modules) pipeline.set_enabled(m, true);
  return runs;
}

}  // namespace mosaic::host::research
