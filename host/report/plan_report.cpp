#include "host/report/plan_report.hpp"

#include "host/data/timestamp.hpp"

#include <fmt/format.h>

namespace mosaic::host::report {

std::string describe_plan(const app::OptimizePlan& plan, const app::Session& s) {
  const auto& c = plan.config;
  std::string out = fmt::format("search space of {}\n{}\n", s.config.file.string(), plan.space.describe());
  if (!plan.settings.constraints.empty()) {
    out += "constraints\n";
    for (const auto& k : plan.settings.constraints)
      out += fmt::format("  {}  ({}{})\n", k.text,
                         k.on_metrics() ? "on the metrics: infeasible results are penalised"
                                        : "on the parameters: breaking configs are not run",
                         k.declared_by.empty() ? "" : "; declared by " + k.declared_by + "'s contract");
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
    const research::Fold& f = plan.folds[i];
    const auto& ts = s.data.ts;
    out += fmt::format("fold {}: train {} bars ({} to {})", i + 1, f.train_end - f.train_begin,
                       format_timestamp(ts[f.train_begin]), format_timestamp(ts[f.train_end - 1]));
    if (f.test_end > f.train_end)
      out += fmt::format(", test {} bars ({} to {})", f.test_end - f.train_end, format_timestamp(ts[f.train_end]),
                         format_timestamp(ts[f.test_end - 1]));
    else
      out += ", no test (train_fraction = 1)";
    out += "\n";
  }
  return out;
}

}  // namespace mosaic::host::report
