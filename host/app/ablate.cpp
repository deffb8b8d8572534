#include "host/app/ablate.hpp"

#include "host/app/error.hpp"

#include <fmt/format.h>

namespace mosaic::host::app {

AblationResult ablate(Session& s, const AblateSpec& spec) {
  AblationResult r;
  r.plan = research::plan_ablation(*s.pipeline, data_port_names(s));
  try {
    r.runs = research::run_ablation(*s.pipeline, r.plan, data_ports(s), s.data, s.config.backtest);
  } catch (const std::runtime_error& e) {
    throw Error(ErrorKind::Module, e.what());
  }
  if (!r.runs.front().backtest)
    throw Error(ErrorKind::Module,
                fmt::format("{}: the full pipeline produces no weights.final or weights.target: nothing to ablate",
                            s.config.file.string()),
                {.file = s.config.file.string(), .port = "weights.target"});
  r.bootstrap.resamples = research::kDefaultResamples;
  r.bootstrap.seed = spec.seed;
  r.bootstrap.mean_block_length = research::default_mean_block_length(s.data.bars() - 1);
  r.assessments = research::assess_ablation(r.runs, s.config.backtest, r.bootstrap);
  return r;
}

}  // namespace mosaic::host::app
