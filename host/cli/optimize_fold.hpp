// One fold of `mosaic optimize`: the search on the fold's training bars, then the winner
// and the leaders measured out of sample, and the overfitting figures.
#pragma once

#include "host/cli/optimize_plan.hpp"
#include "host/research/overfitting.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace mosaic::host::cli {

struct Leader {
  size_t trial = 0;                            // index into outcome.trials
  std::optional<research::Evaluation> test;    // out of sample; nullopt when the fold has no test bars
};

struct FoldResult {
  Fold fold;
  research::SearchOutcome outcome;
  std::vector<Leader> leaders;    // the winner first, then the next best, up to 10 in all
  std::vector<size_t> pareto;     // nsga2: the trials on the front, by the first target
  research::OverfittingReport overfitting;
  std::vector<double> winner_equity;  // the winner over [0, test_end), 1 at bar 0
  std::vector<double> winner_drawdown;
  bool has_winner() const { return !leaders.empty(); }
};

// `budget_share` scales the plan's budget (walk-forward folds split it).
FoldResult run_fold(const OptimizePlan& plan, const Session& s, const Fold& fold, double budget_share,
                    const std::atomic<bool>* interrupt,
                    const std::function<void(const research::SearchProgress&)>& progress);

}  // namespace mosaic::host::cli
