// Runs `work(thread_index)` on `threads` threads while the calling thread reports progress
// about five times a second; rethrows the first exception a worker threw.
#pragma once

#include "host/research/trial_store.hpp"

#include <functional>

namespace mosaic::host::research {

void run_workers(int threads, const std::function<void(int)>& work, const TrialStore& store,
                 const std::function<void(const SearchProgress&)>& progress);

// Whether a candidate keeps every parameters-only constraint.
bool meets_param_constraints(const Candidate& c, const SearchSettings& settings);

}  // namespace mosaic::host::research
