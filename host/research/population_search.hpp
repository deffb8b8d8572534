// The population methods behind genetic, de, cmaes, pso and nsga2: one pagmo2 island per
// thread (pagmo_search.cpp), fed through the search's shared trial store; with remote
// workers, each of them runs islands of its own (remote_workers.hpp).
#pragma once

#include "host/pipeline/output_cache.hpp"
#include "host/research/eval_data.hpp"
#include "host/research/remote_workers.hpp"
#include "host/research/search_space.hpp"
#include "host/research/trial_store.hpp"

#include <functional>
#include <memory>
#include <string>

namespace mosaic::host::research {

// Returns why it stopped: "interrupted", "time budget", "evaluation budget" or "converged".
// With settings.remote, the islands are threads x (1 + workers): this process runs the
// first `threads`, each worker the next `threads`, and their trials are adopted as they come.
std::string run_population_search(const SearchSpace& space, const PipelineRecipe& recipe, const EvalData& train,
                                  const SearchSettings& settings, const std::shared_ptr<OutputCache>& cache,
                                  TrialStore& store, uint64_t& rejected,
                                  const std::function<void(const SearchProgress&)>& progress);

// A worker's share of a population search: islands `range`, each as run_population_search
// would run it, into the worker's own store (whose on_trial streams them). Returns why they
// stopped; `rejected` counts the candidates that broke a parameter constraint.
std::string run_islands(const SearchSpace& space, const PipelineRecipe& recipe, const EvalData& train,
                        const SearchSettings& settings, const std::shared_ptr<OutputCache>& cache, TrialStore& store,
                        const IslandRange& range, uint64_t& rejected,
                        const std::function<void(const SearchProgress&)>& progress);

}  // namespace mosaic::host::research
