// Other processes (MPI ranks) that evaluate a search's candidates beside its own threads.
// Grid and random deal each worker a batch of points as soon as it has answered the last one
// (dynamic load balancing: configurations differ in cost) and take the results as trials
// evaluated elsewhere. The population methods give each worker islands of their own, as
// threads get them in one process: every island's path depends only on its seed and the
// values it meets, so the trials are those of one process with as many islands, whichever
// rank ran them; each worker streams its islands' trials back as it evaluates them.
#pragma once

#include "host/research/trial.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace mosaic::host::research {

// Islands [first, first + count) of a search with `total` islands in all.
struct IslandRange {
  int first = 0;
  int count = 0;
  int total = 0;
};

// What a worker sent.
struct RemoteMessage {
  enum class Kind { Results, IslandTrials, IslandsDone };
  Kind kind = Kind::Results;
  size_t worker = 0;
  std::vector<RecordedTrial> results;       // Results (in its batch's order), IslandTrials
  std::vector<std::vector<double>> points;  // IslandTrials: each trial's candidate
  std::vector<uint64_t> orders;             // IslandTrials: each trial's order in the search
  std::string reason;                       // IslandsDone: why its islands stopped
  uint64_t rejected = 0;                    // IslandsDone: candidates that broke a parameter constraint
};

class RemoteWorkers {
 public:
  virtual ~RemoteWorkers() = default;
  virtual size_t count() const = 0;
  // The fold whose training bars the next work is evaluated on.
  virtual void set_fold(size_t fold) = 0;
  // Hands worker `w` a batch, one point per candidate. Called from one thread at a time.
  virtual void send(size_t w, const std::vector<std::vector<double>>& points) = 0;
  // Starts a population search's islands on worker `w`.
  virtual void start_islands(size_t w, const IslandRange& islands) = 0;
  // Waits for the next message of any worker. Throws std::runtime_error naming the worker
  // when one fails.
  virtual RemoteMessage receive() = 0;
};

}  // namespace mosaic::host::research
