// What an optimization will do, settled before anything runs: the search space and its
// constraints, the search settings, and the folds (train and test bars) to run it on.
#pragma once

#include "host/app/session.hpp"
#include "host/config/optimize_config.hpp"
#include "host/research/fold_plan.hpp"
#include "host/research/search_space.hpp"
#include "host/research/trial.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::app {

// Each given one overrides its key of the config's [optimize] table.
struct OptimizeSpec {
  std::optional<std::string> method;  // grid, random, genetic, de, cmaes, pso, nsga2
  std::optional<std::vector<std::string>> targets;  // one metric; two for nsga2
  // When either is given, the two replace the config's budget together.
  std::optional<uint64_t> max_evaluations;
  std::optional<double> max_seconds;
  std::optional<int> threads;  // 0: one per core
  std::optional<uint64_t> seed;
  std::optional<int> walk_forward;
  std::optional<bool> rolling;  // walk-forward folds train on one block each, not all before
  std::optional<double> train_fraction;
};

struct OptimizePlan {
  OptimizeConfig config;  // [optimize] with the spec applied
  research::SearchSpace space;
  research::SearchSettings settings;
  research::PipelineRecipe recipe;
  std::vector<std::string> optional_modules;
  std::vector<research::Fold> folds;
  // Let the search tune glibc's allocator for itself (optimize.cpp): right for a command
  // that ends with the search, not for a host that lives on after it (serve).
  bool tune_allocator = true;
};

// Throws app::Error: Config naming the config file, line and key for a bad [optimize]
// table, space override, constraint or target; Usage for a spec value out of range or a
// split that leaves too few bars.
OptimizePlan plan_optimize(const Session& s, const OptimizeSpec& spec);

}  // namespace mosaic::host::app
