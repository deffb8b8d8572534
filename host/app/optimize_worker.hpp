// A worker's share of an optimization spread over processes (MPI ranks other than 0): the
// plan's candidates, named by their points, evaluated on one fold's training bars exactly
// as the search on rank 0 would evaluate them, and returned as what its TrialStore adopts.
#pragma once

#include "host/app/optimize_plan.hpp"
#include "host/app/session.hpp"
#include "host/research/remote_workers.hpp"
#include "host/research/trial.hpp"

#include <functional>
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

  // Trials of a worker's islands, on their way to rank 0.
  struct IslandTrials {
    std::vector<std::vector<double>> points;
    std::vector<uint64_t> orders;
    std::vector<research::RecordedTrial> results;
    size_t size() const { return results.size(); }
  };
  struct IslandsOutcome {
    std::string reason;
    uint64_t rejected = 0;
  };
  // Runs islands `range` of the plan's population search on fold `fold`, on this worker's own
  // threads (one per island), handing `send` the trials in batches as they are evaluated
  // (from the island threads, one call at a time), and at the end again any whose order an
  // island of this worker lowered after it was sent.
  IslandsOutcome run_islands(size_t fold, const research::IslandRange& range,
                             const std::function<void(IslandTrials&)>& send);

 private:
  struct Fold;
  const Session& session_;
  const OptimizePlan& plan_;
  research::PipelineRecipe recipe_;
  Fold& fold(size_t index);
  std::unique_ptr<Fold> fold_;  // the current fold's data, cache and evaluators
};

}  // namespace mosaic::host::app
