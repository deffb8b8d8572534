#include "session.hpp"

#include "host/app/ablate.hpp"
#include "host/app/compare.hpp"
#include "host/report/ablation_report.hpp"
#include "host/report/comparison_report.hpp"

namespace py = pybind11;

namespace mosaic::python {
namespace {

py::dict folder_result(const std::filesystem::path& folder, const std::string& summary, const std::string& report) {
  py::dict d;
  d["run_dir"] = folder.string();
  d["summary"] = summary;
  d["report"] = report;
  return d;
}

}  // namespace

py::dict ablate(PySession& s, uint64_t seed, std::optional<std::string> out) {
  std::filesystem::path folder;
  std::string summary, report, warning;
  {
    py::gil_scoped_release release;
    const SessionLock lock(*s.busy);
    const host::app::AblationResult result = host::app::ablate(*s.session, {seed});
    folder = new_run_folder(out, "ablate");
    save_prices(*s.session, *s.spec, folder);
    host::report::write_ablation_folder(*s.session, result, folder);
    report = report_page(folder, warning);
    summary = host::report::ablation_report_json(*s.session, result, folder).dump();
  }
  warn_if(warning);
  return folder_result(folder, summary, report);
}

py::dict compare(const PySession& a, const PySession& b, uint64_t seed, std::optional<std::string> out) {
  std::filesystem::path folder;
  std::string summary, report, warning;
  {
    py::gil_scoped_release release;
    // Both sides open afresh from their specs, as `mosaic compare A.toml B.toml` does.
    const host::app::ComparisonResult result = host::app::compare({*a.spec, *b.spec, seed});
    folder = new_run_folder(out, "compare");
    host::report::write_comparison_folder(result, folder);
    report = report_page(folder, warning);
    summary = host::report::comparison_report_json(result, folder).dump();
  }
  warn_if(warning);
  return folder_result(folder, summary, report);
}

}  // namespace mosaic::python
