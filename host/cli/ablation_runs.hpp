// The runs `mosaic ablate` compares: the full pipeline, and for each optional module the
// pipeline without it and the pipeline with it plus the required modules only, all on one
// session's pipeline through its runtime on/off switch.
#pragma once

#include "host/cli/backtest_report.hpp"
#include "host/cli/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::cli {

// The modules the config enables, in run order, split by whether the backtest can do
// without them (research/optional_modules.hpp).
struct AblationPlan {
  std::vector<std::string> modules;
  std::vector<std::string> optional;
  std::vector<std::string> required;
  std::vector<std::string> disabled_in_config;  // left off in every run
};

AblationPlan plan_ablation(const Session& s);

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
  std::optional<BacktestOutcome> backtest;
};

// The full run first, then without / alone per optional module in run order, then the
// required modules only (the reference for the "alone" runs). Leaves the switches as the
// config set them.
std::vector<AblationRun> run_ablation(Session& s, const AblationPlan& plan);

}  // namespace mosaic::host::cli
