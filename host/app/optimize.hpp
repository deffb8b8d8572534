// An optimization: the plan's search on each fold's training bars, its leaders measured
// out of sample, and the overfitting figures, watched and stoppable through an Observer.
#pragma once

#include "host/app/observer.hpp"
#include "host/app/optimize_plan.hpp"
#include "host/app/session.hpp"
#include "host/research/fold_run.hpp"

#include <vector>

namespace mosaic::host::app {

struct OptimizeResult {
  std::vector<research::FoldResult> folds;  // those that ran; a stop may leave out the later ones
  bool interrupted = false;                 // the observer asked to stop
};

// Throws app::Error: Config for a search the space refuses (a grid too large for the
// budget, a continuous dimension), Usage when stopped before anything was evaluated.
OptimizeResult optimize(const Session& s, const OptimizePlan& plan, Observer& observer);

}  // namespace mosaic::host::app
