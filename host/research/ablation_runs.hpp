// The runs an ablation compares: the full pipeline, and for each optional module the
// pipeline without it and the pipeline with it plus the required modules only, all on one
// pipeline through its runtime on/off switch.
#pragma once

#include "host/data/market_data.hpp"
#include "host/data/port_value.hpp"
#include "host/pipeline/pipeline.hpp"
#include "host/research/weights_backtest.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::research {

// The modules the config enables, in run order, split by whether the backtest can do
// without them (optional_modules.hpp).
struct AblationPlan {
  std::vector<std::string> modules;
  std::vector<std::string> optional;
  std::vector<std::string> required;
  std::vector<std::string> disabled_in_config;  // left off in every run
};

AblationPlan plan_ablation(const Pipeline& pipeline, const std::vector<std::string>& data_ports);

enum class VariantKind { Full, Without, Alone, RequiredOnly };
const char* variant_kind_name(VariantKind k);  // "full", "without", "alone", "required_only"

struct AblationRun {
  VariantKind kind = VariantKind::Full;
  std::string module;  // the module ablated; "" for the full and required-only runs
  std::string label;   // "full", "without regime", "regime + required", "required only"
  std::string column;  // its equity.csv column: full, without:regime, alone:regime, required_only
  std::vector<std::string> enabled;
  std::vector<std::string> not_run;  // enabled but skipped or failed, with the outcome
  std::vector<std::string> degraded_reasons;
  std::optional<WeightsBacktest> backtest;
};

// The full run first, then without / alone per optional module in run order, then the
// required modules only (the reference for the "alone" runs). Leaves the switches as the
// config set them. Throws std::runtime_error for a weights panel of the wrong shape.
std::vector<AblationRun> run_ablation(Pipeline& pipeline, const AblationPlan& plan,
                                      const std::map<std::string, PortValue>& ports, const MarketData& data,
                                      const BacktestSettings& backtest);

}  // namespace mosaic::host::research
