// What `mosaic optimize` will do, settled before anything runs: the search space and its
// constraints, the search settings, and the folds (train and test bars) to run it on.
#pragma once

#include "host/cli/options.hpp"
#include "host/cli/session.hpp"
#include "host/research/search.hpp"

#include <string>
#include <vector>

namespace mosaic::host::cli {

struct Fold {
  size_t train_end = 0;  // the optimizer sees bars [0, train_end)
  size_t test_end = 0;   // out of sample: bars [train_end, test_end); == train_end when none
};

struct OptimizePlan {
  OptimizeConfig config;  // [optimize] with the command line applied
  research::SearchSpace space;
  research::SearchSettings settings;
  research::PipelineRecipe recipe;
  std::vector<std::string> optional_modules;
  std::vector<Fold> folds;
};

// Throws CliError (exit 2) naming the config file, line and key for a bad [optimize]
// table, space override, constraint or target, and for a split that leaves too few bars.
OptimizePlan make_optimize_plan(const Session& s, const CommonOptions& o);

// The --dry-run text: the space, the constraints, the settings and the folds.
std::string describe_plan(const OptimizePlan& plan, const Session& s);

}  // namespace mosaic::host::cli
