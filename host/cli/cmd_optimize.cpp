#include "host/app/optimize.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/cli/interrupt_scope.hpp"
#include "host/cli/report_page.hpp"
#include "host/cli/terminal_observer.hpp"
#include "host/report/optimize_report.hpp"
#include "host/report/plan_report.hpp"
#include "host/report/run_folder.hpp"

#if defined(MOSAIC_WITH_MPI)
#include "host/mpi/lead_rank.hpp"
#include "host/mpi/worker_rank.hpp"
#endif

#include <fmt/format.h>

namespace mosaic::host::cli {
namespace {

// The options the resumed run was started with, its paths taken from where it was started,
// and this command line's choice of output.
CommonOptions resumed_options(const CommonOptions& given, const app::ResumePoint& point) {
  CommonOptions o = parse_options("optimize", point.args);
  for (auto* path : {&o.config, &o.data, &o.plugins})
    if (*path && path->value().is_relative()) *path = point.cwd / path->value();
  o.out = given.resume;
  o.json = given.json;
  o.verbose = given.verbose;
  o.log_level = given.log_level;
  return o;
}

}  // namespace

int cmd_optimize(const CommonOptions& given) {
#if defined(MOSAIC_WITH_MPI)
  // Under mpirun: rank 0 runs the command as below, with the other ranks as its workers.
  mpi::World world;
  if (world.rank() > 0)
    return mpi::run_worker_rank(world, [&] {
      return optimize_spec(given.resume ? resumed_options(given, app::read_resume_point(*given.resume)) : given);
    }, given.plugins);
  std::optional<mpi::LeadRank> lead;
  if (world.size() > 1) lead.emplace(world);
#endif
  std::optional<app::ResumePoint> point;
  if (given.resume) point = app::read_resume_point(*given.resume);
  const CommonOptions o = point ? resumed_options(given, *point) : given;
  auto s = app::open_session(session_spec(o));
  research::RemoteWorkers* remote = nullptr;
#if defined(MOSAIC_WITH_MPI)
  if (lead) {
    lead->share(*s);
    remote = &*lead;
  }
#endif
  const app::OptimizePlan plan = app::plan_optimize(*s, optimize_spec(o));
  if (o.dry_run) {
    fmt::print("{}", report::describe_plan(plan, *s));
    return kOk;
  }
  if (!o.json) fmt::print("{}\n", report::describe_plan(plan, *s));
  const auto folder = point ? *given.resume : report::make_run_folder(o.out, "optimize");
  const app::JournalSpec journal{folder / app::kJournalFileName, point.has_value(), o.args,
                                 std::filesystem::current_path()};
  if (point && !o.json)
    fmt::print("resuming {} ({}): {} evaluated configurations in its journal are not run again\n", folder.string(),
               point->state, point->trials);
  app::OptimizeResult result;
  {
    InterruptScope scope;
    TerminalObserver observer(plan.settings.targets.front().name);
#if defined(MOSAIC_WITH_MPI)
    // mpirun ends every rank when one dies (or when it is interrupted): rank 0 then says
    // where the work so far is, instead of waiting for an answer that will not come.
    world.give_up_when(&InterruptScope::flag());
    try {
      result = app::optimize(*s, plan, observer, &journal, remote);
    } catch (const mpi::JobEnding& e) {
      fmt::print(stderr,
                 "\nmosaic optimize: {} (a rank ended, or mpirun was interrupted); the configurations evaluated so "
                 "far are in {}; continue with: mosaic optimize --resume {}\n",
                 e.what(), journal.file.string(), folder.string());
      return kInternal;
    }
#else
    result = app::optimize(*s, plan, observer, &journal, remote);
#endif
  }
  report::write_optimize_folder(*s, plan, result, folder);
  const std::string page = write_report_page("optimize", folder);
  if (result.journal) result.journal->wait();  // its last commits went on meanwhile
  if (o.json) {
    nlohmann::json j = report::optimize_json(*s, plan, result);
    j["run_folder"] = folder.string();
    j["journal"] = journal.file.string();
    j["report"] = page;
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}\nwrote {}\n", report::optimize_summary(*s, plan, result), folder.string());
    if (!page.empty()) fmt::print("wrote {}\n", page);
    if (result.interrupted) fmt::print("continue the search with: mosaic optimize --resume {}\n", folder.string());
  }
  return kOk;
}

}  // namespace mosaic::host::cli
