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
#include "host/research/eval_data.hpp"
#include "host/research/search_space.hpp"
#include "host/research/trial.hpp"

#include <functional>
#include <memory>

namespace mosaic::host::research {

// Throws SpaceError when grid is refused (continuous dimension or larger than the budget),
// std::invalid_argument for a bad method or setting. `progress` is called about five times
// a second from the calling thread.
SearchOutcome run_search(const SearchSpace& space, const PipelineRecipe& recipe, const EvalData& train,
                         const SearchSettings& settings, std::shared_ptr<OutputCache> cache,
                         const std::function<void(const SearchProgress&)>& progress = {});

}  // namespace mosaic::host::research
