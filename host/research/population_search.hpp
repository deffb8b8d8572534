// The population methods behind genetic, de, cmaes, pso and nsga2: one pagmo2 island per
// thread (pagmo_search.cpp), fed through the search's shared trial store.
#pragma once

#include "host/pipeline/output_cache.hpp"
#include "host/research/eval_data.hpp"
#include "host/research/search_space.hpp"
#include "host/research/trial_store.hpp"

#include <functional>
#include <memory>
#include <string>

namespace mosaic::host::research {

// Returns why it stopped: "interrupted", "time budget", "evaluation budget" or "converged".
std::string run_population_search(const SearchSpace& space, const PipelineRecipe& recipe, const EvalData& train,
                                  const SearchSettings& settings, const std::shared_ptr<OutputCache>& cache,
                                  TrialStore& store, uint64_t& rejected,
                                  const std::function<void(const SearchProgress&)>& progress);

}  // namespace mosaic::host::research
