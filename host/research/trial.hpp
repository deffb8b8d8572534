// What a search works with and leaves behind: its settings, one evaluated configuration
// (a trial), the progress it reports, and its outcome. Plain values: the search, the
// fold runner, the ranking, the overfitting report and every front end read them.
#pragma once

#include "host/pipeline/output_cache.hpp"
#include "host/research/block_moments.hpp"
#include "host/research/config_evaluator.hpp"
#include "host/research/constraint.hpp"
#include "host/research/objective.hpp"
#include "host/research/search_space.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mosaic::host::research {

class RemoteWorkers;  // remote_workers.hpp

struct Trial {
  Candidate candidate;
  std::string key;
  uint64_t order = 0;  // its place in the deterministic sequence of the search
  Evaluation eval;     // eval.returns is left empty; see `moments`
  std::vector<double> values;  // each target's value (natural units), NaN when undefined
  double violation = 0;        // summed over the broken metric constraints
  std::vector<std::string> broken;  // their texts
  double sharpe_per_period = 0;     // eval.metrics.sharpe_per_period when it ran
  uint64_t returns_hash = 0;        // of its in-sample returns (returns_hash.hpp) when it ran
  // Which distinct strategy it is: trials with identical in-sample returns share the id,
  // numbered 1, 2, ... in trial order; 0 when it did not run.
  size_t strategy = 0;
  BlockMoments moments;             // of its in-sample returns, for the PBO; empty when it did not run
  bool replayed = false;            // taken from SearchSettings::recorded, not evaluated by this search
  bool feasible() const { return eval.ok && violation == 0 && !values.empty() && values[0] == values[0]; }
};

// What a journal kept of an evaluated configuration: all a trial needs to stand in for its
// evaluation, so that a resumed search takes it instead of evaluating again.
struct RecordedTrial {
  bool ok = false;
  std::string error;
  Metrics metrics;
  uint64_t returns_hash = 0;
  BlockMoments moments;
};
using RecordedTrials = std::unordered_map<std::string, RecordedTrial>;  // by Candidate::key

struct SearchSettings {
  std::string method = "grid";
  // Every member has an initializer, so designated initializers may skip any of them.
  std::vector<MetricTarget> targets{};  // one; two for nsga2
  std::vector<Constraint> constraints{};
  std::optional<uint64_t> max_evaluations{};
  std::optional<double> max_seconds{};
  int threads = 1;
  uint64_t seed = 1;
  int population = 0;  // 0: chosen from the number of dimensions
  size_t pbo_blocks = 16;  // S of the CSCV: each trial keeps its returns' moments per block
  size_t cache_bytes = size_t{256} << 20;  // the output cache shared by the search's threads
  // How many distinct strategies, at most, are measured out of sample after the search, so
  // that a report can set in-sample against out-of-sample beyond the leaders: a uniform
  // sample chosen by the hash of each strategy's first configuration, the leaders always
  // among them. SIZE_MAX measures every one.
  size_t out_of_sample = 1000;
  const std::atomic<bool>* interrupt = nullptr;  // set (e.g. by SIGINT) to stop cleanly
  // Called once for every distinct configuration evaluated, right after it is recorded, on
  // whichever search thread evaluated it, one call at a time. A caller that streams trials
  // or stops after N of them hooks in here.
  std::function<void(const Trial&)> on_trial{};
  // Configurations evaluated before (a resumed search): met again, each becomes its trial
  // as recorded, counted as evaluated, and is not run. Must outlive the search.
  const RecordedTrials* recorded = nullptr;
  // Other processes that evaluate beside the search's threads (an MPI run's other ranks);
  // nullptr or none: all evaluations are this process's. Grid and random only.
  RemoteWorkers* remote = nullptr;
};

struct SearchProgress {
  uint64_t evaluated = 0;
  double elapsed_seconds = 0;
  std::optional<double> best;         // best feasible value of the first target so far
  std::optional<double> seconds_left;  // nullopt when not known
};

struct SearchOutcome {
  std::vector<Trial> trials;  // every distinct evaluated configuration, in `order`
  size_t strategies = 0;      // distinct in-sample return streams among them
  uint64_t rejected_by_constraints = 0;  // candidates that broke a parameter constraint: not run
  size_t replayed = 0;  // trials taken from SearchSettings::recorded rather than evaluated
  double seconds = 0;
  std::string stop_reason;  // "space exhausted", "evaluation budget", "time budget", "interrupted", "converged"
  CacheStats cache;
};

// The value the search minimises for a trial's k-th target: -value when maximising;
// infeasible and failed trials sit above every feasible one (worse the more they break).
double minimized_fitness(const Trial& t, const SearchSettings& s, size_t k = 0);

// What a trial's record keeps of it (a journal row, a worker's answer).
RecordedTrial record_of(const Trial& t);

}  // namespace mosaic::host::research
