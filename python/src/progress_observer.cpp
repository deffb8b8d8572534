#include "progress_observer.hpp"

namespace py = pybind11;

namespace mosaic::python {

void ProgressObserver::progress(const host::app::Progress& p) {
  py::gil_scoped_acquire gil;
  if (error_) return;
  if (PyErr_CheckSignals() != 0) {
    if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt)) {
      // Ctrl-C is ours to handle: the search stops and returns what it has.
      PyErr_Clear();
    } else {
      error_.emplace();  // another handler's exception (SystemExit from SIGTERM): raised after
    }
    request_stop();
    return;
  }
  if (callback_.is_none()) return;
  py::dict d;
  d["evaluated"] = p.evaluated;
  d["elapsed_seconds"] = p.elapsed_seconds;
  d["best"] = p.best ? py::cast(*p.best) : py::none();
  d["seconds_left"] = p.seconds_left ? py::cast(*p.seconds_left) : py::none();
  try {
    callback_(d);
  } catch (py::error_already_set& e) {
    error_.emplace(std::move(e));
    request_stop();
  }
}

void ProgressObserver::raise_if_failed() {
  if (!error_) return;
  py::error_already_set e = std::move(*error_);
  error_.reset();
  throw e;
}

}  // namespace mosaic::python
