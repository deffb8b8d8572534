// How a caller watches and stops long engine work (an optimization) without the engine
// knowing who it is: the terminal's progress line and Ctrl-C, a notebook's progress bar,
// a serve thread's schedule. Every hook has a do-nothing default.
#pragma once

#include "host/research/trial.hpp"

#include <atomic>
#include <cstddef>

namespace mosaic::host::app {

using Progress = research::SearchProgress;
using Trial = research::Trial;

class Observer {
 public:
  virtual ~Observer() = default;

  // [thread] the calling thread. A fold of `folds` begins or has ended (0-based).
  virtual void fold_started(size_t /*fold*/, size_t /*folds*/) {}
  virtual void fold_finished(size_t /*fold*/, size_t /*folds*/) {}
  // [thread] the calling thread, about five times a second while a fold searches, and once
  // at its end.
  virtual void progress(const Progress& /*p*/) {}
  // [thread] any search thread, one call at a time. Once for every distinct configuration
  // evaluated, right after it is recorded; the trial reference is valid during the call.
  virtual void trial_done(const Trial& /*trial*/) {}
  // [thread] any thread of the fold, one call at a time. After the search, while `done` of
  // `total` strategies are measured out of sample ([optimize] out_of_sample): about five
  // times a second and once at the end.
  virtual void measuring_out_of_sample(size_t /*done*/, size_t /*total*/, double /*seconds*/) {}

  // [thread] any. The work polls this flag between evaluations and, once it is set, stops
  // cleanly and keeps everything evaluated so far. An observer may hand out a flag of its
  // own (a signal handler's) instead.
  virtual const std::atomic<bool>& stop_flag() const { return stop_; }
  void request_stop() { stop_.store(true); }

 private:
  std::atomic<bool> stop_{false};
};

}  // namespace mosaic::host::app
