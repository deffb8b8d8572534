// Other processes (MPI ranks) that evaluate a search's candidates beside its own threads.
// The search deals each worker a batch as soon as it has answered the last one (dynamic load
// balancing: configurations differ in cost) and takes the results as trials evaluated
// elsewhere. A batch travels as points (point_of), its results as RecordedTrials.
#pragma once

#include "host/research/trial.hpp"

#include <cstddef>
#include <vector>

namespace mosaic::host::research {

class RemoteWorkers {
 public:
  virtual ~RemoteWorkers() = default;
  virtual size_t count() const = 0;
  // The fold whose training bars the next batches are evaluated on.
  virtual void set_fold(size_t fold) = 0;
  // Hands worker `w` a batch, one point per candidate. Called from one thread at a time.
  virtual void send(size_t w, const std::vector<std::vector<double>>& points) = 0;
  // Waits for the next answer of any worker: its results, in the order of the batch it was
  // sent. Returns the worker. Throws std::runtime_error naming the worker when one fails.
  virtual size_t receive(std::vector<RecordedTrial>& results) = 0;
};

}  // namespace mosaic::host::research
