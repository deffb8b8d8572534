#include "arrays.hpp"
#include "session.hpp"

#include "host/app/run.hpp"
#include "host/report/run_report.hpp"

namespace py = pybind11;

namespace mosaic::python {

py::dict run(PySession& s) {
  auto outcome = std::make_shared<host::app::RunOutcome>();
  {
    py::gil_scoped_release release;
    std::lock_guard lock(s.busy);
    *outcome = host::app::run_backtest(*s.session);
  }
  const host::app::Session& session = *s.session;
  const py::capsule keep_outcome = keep_alive(outcome);
  const py::capsule keep_session = keep_alive(s.session);

  py::dict d;
  d["summary"] = host::report::run_json(session, *outcome, {}).dump();
  d["ts"] = view(std::span<const int64_t>(session.data.ts), keep_session);
  py::list tickers;
  for (const auto& t : session.data.tickers) tickers.append(t);
  d["tickers"] = tickers;
  py::dict ports;
  for (const auto& [name, port] : outcome->result.ports) ports[py::str(name)] = port_arrays(port);
  d["ports"] = ports;
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

}  // namespace mosaic::python
