#include "progress_observer.hpp"

namespace py = pybind11;

namespace mosaic::python {

void ProgressObserver::progress(const host::app::Progress& p) {
  py::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) {
    // The KeyboardInterrupt is ours to handle: the search stops and returns what it has.
    PyErr_Clear();
    interrupted_ = true;
    request_stop();
    return;
  }
  if (callback_.is_none() || callback_error_) return;
  py::dict d;
  d["evaluated"] = p.evaluated;
  d["elapsed_seconds"] = p.elapsed_seconds;
  d["best"] = p.best ? py::cast(*p.best) : py::none();
  d["seconds_left"] = p.seconds_left ? py::cast(*p.seconds_left) : py::none();
  try {
    callback_(d);
  } catch (py::error_already_set& e) {
    callback_error_ = e.value();
    request_stop();
  }
}

}  // namespace mosaic::python
