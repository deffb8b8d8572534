// The optimizer: searches a space for the configurations that score best on the training
// data, by grid, random sampling, or a pagmo2 population method (genetic = sga, de, cmaes,
// pso, nsga2 for two targets). Evaluation runs on `threads` threads, one pipeline each,
// sharing an output cache; a configuration met twice is evaluated (and counted) once.
//
// Determinism: with an evaluation budget, the same seed and thread count give the same
// trials. Grid and random hand out a fixed list of candidates; the population methods
// run one island per thread, each with its own seed and its own share of the budget, so
// no island's path depends on another's timing. (A time budget or Ctrl-C stops wherever
// the clock says.)
#pragma once

#include "host/pipeline/output_cache.hpp"
#include "host/research/config_evaluator.hpp"
#include "host/research/constraint.hpp"
#include "host/research/objective.hpp"
#include "host/research/returns_pool.hpp"
#include "host/research/search_space.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::research {

struct Trial {
  Candidate candidate;
  std::string key;
  uint64_t order = 0;  // its place in the deterministic sequence of the search
  Evaluation eval;     // eval.returns is emptied; see `returns`
  std::vector<double> values;  // each target's value (natural units), NaN when undefined
  double violation = 0;        // summed over the broken metric constraints
  std::vector<std::string> broken;  // their texts
  double sharpe_per_period = 0;     // eval.metrics.sharpe_per_period when it ran
  KeptReturns returns;              // kept for a uniform subsample of trials (for PBO)
  bool feasible() const { return eval.ok && violation == 0 && !values.empty() && values[0] == values[0]; }
};

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
  size_t keep_returns = 2048;  // returns are kept for between this and twice this many trials
  const std::atomic<bool>* interrupt = nullptr;  // set (e.g. by SIGINT) to stop cleanly
};

struct SearchProgress {
  uint64_t evaluated = 0;
  double elapsed_seconds = 0;
  std::optional<double> best;         // best feasible value of the first target so far
  std::optional<double> seconds_left;  // nullopt when not known
};

struct SearchOutcome {
  std::vector<Trial> trials;  // every distinct evaluated configuration, in `order`
  uint64_t rejected_by_constraints = 0;  // candidates that broke a parameter constraint: not run
  double seconds = 0;
  std::string stop_reason;  // "space exhausted", "evaluation budget", "time budget", "interrupted", "converged"
  CacheStats cache;
};

// Throws SpaceError when grid is refused (continuous dimension or larger than the budget),
// std::invalid_argument for a bad method or setting. `progress` is called about five times
// a second from the calling thread.
SearchOutcome run_search(const SearchSpace& space, const PipelineRecipe& recipe, const EvalData& train,
                         const SearchSettings& settings, std::shared_ptr<OutputCache> cache,
                         const std::function<void(const SearchProgress&)>& progress = {});

// The value the search minimises for a trial's k-th target: -value when maximising;
// infeasible and failed trials sit above every feasible one (worse the more they break).
double minimized_fitness(const Trial& t, const SearchSettings& s, size_t k = 0);

}  // namespace mosaic::host::research
