#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/interrupt_scope.hpp"
#include "host/cli/optimize_plan.hpp"
#include "host/cli/optimize_report.hpp"
#include "host/cli/progress_line.hpp"
#include "host/cli/run_folder.hpp"
#include "host/cli/session.hpp"

#include <fmt/format.h>

#include <malloc.h>

namespace mosaic::host::cli {

int cmd_optimize(const CommonOptions& o) {
  auto s = open_session(o);
  OptimizePlan plan = make_optimize_plan(*s, o);
  if (o.dry_run) {
    fmt::print("{}", describe_plan(plan, *s));
    return kOk;
  }
  if (!o.json) fmt::print("{}\n", describe_plan(plan, *s));
  const std::filesystem::path folder = make_run_folder(o.out, "optimize");

  // Every evaluation allocates and frees the same panel-sized blocks. glibc's defaults give
  // blocks above its thresholds back to the kernel on free, so each evaluation faulted fresh
  // zeroed pages in again, and the page faults serialised the threads on the process's
  // memory map; keeping the memory makes the search scale with threads.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);

  OptimizeRun run;
  run.plan = &plan;
  run.session = s.get();
  {
    InterruptScope scope;
    const double share = 1.0 / static_cast<double>(plan.folds.size());
    for (size_t i = 0; i < plan.folds.size() && !InterruptScope::flag().load(); ++i) {
      const std::string label =
          plan.folds.size() > 1 ? fmt::format("fold {}/{}: ", i + 1, plan.folds.size()) : std::string();
      ProgressLine line(label, plan.settings.targets.front().name);
      try {
        run.folds.push_back(run_fold(plan, *s, plan.folds[i], share, &InterruptScope::flag(),
                                     [&](const research::SearchProgress& p) { line.update(p); }));
      } catch (const research::SpaceError& e) {
        line.finish();
        throw CliError(kUsage, fmt::format("{}: {}", s->config.file.string(), e.what()));
      } catch (const std::invalid_argument& e) {
        line.finish();
        throw CliError(kUsage, e.what());
      }
      line.finish();
    }
    run.interrupted = InterruptScope::flag().load();
  }
  if (run.folds.empty()) throw CliError(kUsage, "interrupted before any configuration was evaluated");
  write_optimize_folder(run, folder);
  if (o.json) {
    nlohmann::json j = optimize_json(run);
    j["run_folder"] = folder.string();
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}\nwrote {}\n", optimize_summary(run), folder.string());
  }
  return kOk;
}

}  // namespace mosaic::host::cli
