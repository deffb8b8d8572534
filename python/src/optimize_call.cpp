#include "progress_observer.hpp"
#include "session.hpp"

#include "host/app/optimize.hpp"
#include "host/report/optimize_report.hpp"
#include "host/report/run_folder.hpp"

namespace py = pybind11;

namespace mosaic::python {

py::dict optimize(PySession& s, const OptimizeArgs& args) {
  host::app::OptimizeSpec spec;
  spec.method = args.method;
  spec.targets = args.targets;
  spec.max_evaluations = args.budget;  // either given replaces the config's budget (both keys)
  spec.max_seconds = args.seconds;
  spec.threads = args.threads;
  spec.seed = args.seed;
  spec.train_fraction = args.train_fraction;
  spec.walk_forward = args.walk_forward;

  ProgressObserver observer(args.progress);
  std::filesystem::path folder;
  std::string report;
  bool interrupted = false;
  std::string summary, warning;
  {
    py::gil_scoped_release release;
    const SessionLock lock(*s.busy);
    host::app::Session& session = *s.session;
    host::app::OptimizePlan plan = host::app::plan_optimize(session, spec);
    plan.tune_allocator = false;  // a notebook lives on after the search (and see core_module.cpp)
    folder = new_run_folder(args.out, "optimize");
    save_prices(session, *s.spec, folder);
    const host::app::OptimizeResult result = host::app::optimize(session, plan, observer);
    host::report::write_optimize_folder(session, plan, result, folder);
    report = report_page(folder, warning);
    interrupted = result.interrupted;
    nlohmann::json j = host::report::optimize_json(session, plan, result);
    j["run_folder"] = folder.string();
    j["report"] = report;
    summary = j.dump();
  }
  observer.raise_if_failed();
  warn_if(warning);
  py::dict d;
  d["run_dir"] = folder.string();
  d["summary"] = summary;
  d["interrupted"] = interrupted;
  d["report"] = report;
  return d;
}

}  // namespace mosaic::python
