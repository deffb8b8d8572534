// How a Python caller watches and stops a search: its progress callback, and Ctrl-C (a
// KeyboardInterrupt in a notebook), which stops the search cleanly instead of tearing it.
#pragma once

#include "host/app/observer.hpp"

#include <pybind11/pybind11.h>

#include <optional>

namespace mosaic::python {

class ProgressObserver : public host::app::Observer {
 public:
  explicit ProgressObserver(pybind11::object callback) : callback_(std::move(callback)) {}

  // On the thread that called optimize (the engine's rule), with the GIL released: takes
  // it, runs Python's signal handlers, and calls the callback.
  void progress(const host::app::Progress& p) override;

  // Raises, with its traceback, what the callback or a signal handler other than Ctrl-C's
  // raised (the search was stopped then); nothing when neither did. Needs the GIL.
  void raise_if_failed();

 private:
  pybind11::object callback_;
  std::optional<pybind11::error_already_set> error_;
};

}  // namespace mosaic::python
