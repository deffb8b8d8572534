// The order in which a search's trials are reported: feasible ones only, best first.
#pragma once

#include "host/research/trial.hpp"

#include <cstddef>
#include <vector>

namespace mosaic::host::research {

// Indices into outcome.trials, best first by the first target (ties: the earlier trial).
// With two targets (nsga2) only the Pareto front is ranked, and its indices also go into
// `pareto`.
std::vector<size_t> rank_trials(const SearchOutcome& outcome, const SearchSettings& settings,
                                std::vector<size_t>& pareto);

}  // namespace mosaic::host::research
