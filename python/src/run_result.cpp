#include "arrays.hpp"
#include "session.hpp"

#include "host/app/run.hpp"
#include "host/report/run_folder.hpp"
#include "host/report/run_report.hpp"

namespace py = pybind11;

namespace mosaic::python {

py::dict run(PySession& s) {
  auto outcome = std::make_shared<host::app::RunOutcome>();
  std::string summary;
  {
    py::gil_scoped_release release;
    const SessionLock lock(*s.busy);
    *outcome = host::app::run_backtest(*s.session);
    summary = host::report::run_json(*s.session, *outcome, {}).dump();  // it reads the pipeline's state
  }
  const host::app::Session& session = *s.session;
  const py::capsule keep_outcome = keep_alive(outcome);
  const py::capsule keep_session = keep_alive(s.session);

  py::dict d;
  d["summary"] = summary;
  d["ts"] = view(std::span<const int64_t>(session.data.ts), keep_session);
  py::list tickers;
  for (const auto& t : session.data.tickers) tickers.append(t);
  d["tickers"] = tickers;
  py::dict ports;
  for (const auto& [name, port] : outcome->result.ports) ports[py::str(name)] = port_arrays(port);
  d["ports"] = ports;
  d["handle"] = RunHandle{s.session, s.busy, s.spec, outcome};
  if (outcome->backtest) {
    const auto& b = *outcome->backtest;
    py::dict metrics;
    for (const auto& [name, value] : b.metrics.items()) metrics[py::str(name)] = value;
    d["metrics"] = metrics;
    d["weights_port"] = b.weights_port;
    d["equity"] = view(std::span<const double>(b.result.equity), keep_outcome);
    d["weights"] = view_columns(b.result.held, b.result.bars, b.result.assets, keep_outcome);
  } else {
    d["metrics"] = py::none();
  }
  return d;
}

py::dict write_run(const RunHandle& run, std::optional<std::string> out, bool ports) {
  std::filesystem::path folder;
  std::string report, warning;
  {
    py::gil_scoped_release release;
    const SessionLock lock(*run.busy);
    folder = new_run_folder(out, "run");
    save_prices(*run.session, *run.spec, folder);
    host::report::write_run_folder(*run.session, *run.outcome, folder, ports);
    if (run.outcome->backtest) report = report_page(folder, warning);
  }
  warn_if(warning);
  py::dict d;
  d["run_dir"] = folder.string();
  d["report"] = report;
  return d;
}

}  // namespace mosaic::python
