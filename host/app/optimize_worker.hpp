// A worker's share of an optimization spread over processes (MPI ranks other than 0): the
// plan's candidates, named by their points, evaluated on one fold's training bars exactly
// as the search on rank 0 would evaluate them, and returned as what its TrialStore adopts.
#pragma once

#include "host/app/optimize_plan.hpp"
#include "host/app/session.hpp"
#include "host/research/trial.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace mosaic::host::app {

class OptimizeWorker {
 public:
  // The session and plan must be built from the same config, data and flags as rank 0's,
  // and outlive the worker.
  OptimizeWorker(const Session& s, const OptimizePlan& plan);
  ~OptimizeWorker();

  // Evaluates each point on fold `fold`'s training bars with the plan's threads. Throws
  // app::Error (Usage) for a fold or a point that does not fit the plan.
  std::vector<research::RecordedTrial> evaluate(size_t fold, const std::vector<std::vector<double>>& points);

 private:
  struct Fold;
  const Session& session_;
  const OptimizePlan& plan_;
  research::PipelineRecipe recipe_;
  std::unique_ptr<Fold> fold_;  // the current fold's data, cache and evaluators
};

}  // namespace mosaic::host::app
