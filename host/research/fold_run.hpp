// One fold of an optimization: the search on the fold's training bars, then the leaders
// measured out of sample, the overfitting figures, and the winner's equity curve.
#pragma once

#include "host/data/market_data.hpp"
#include "host/data/news_csv.hpp"
#include "host/research/backtest_rows.hpp"
#include "host/research/fold_plan.hpp"
#include "host/research/overfitting.hpp"
#include "host/research/search_space.hpp"
#include "host/research/trial.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace mosaic::host::research {

// How many of a fold's best trials are measured out of sample and reported.
inline constexpr size_t kLeaders = 10;

// A strategy measured out of sample for the in-sample / out-of-sample picture.
struct OutOfSampleProbe {
  size_t trial = 0;  // index into outcome.trials: the strategy's first configuration
  Metrics test;
};

// One of a fold's best strategies: its first configuration in trial order stands for the
// others with the same in-sample returns.
struct Leader {
  size_t trial = 0;                  // index into outcome.trials
  size_t equivalents = 0;            // other configurations of the same strategy
  std::optional<Evaluation> test;    // out of sample; nullopt when the fold has no test bars
};

struct FoldResult {
  Fold fold;
  SearchOutcome outcome;
  std::vector<Leader> leaders;    // distinct strategies: the winner first, then the next best, up to kLeaders
  std::vector<size_t> pareto;     // nsga2: the trials on the front, by the first target
  OverfittingReport overfitting;
  std::vector<double> winner_equity;  // the winner over [0, test_end), 1 at bar 0
  std::vector<double> winner_drawdown;
  // The winner's periods over the test bars (returns, turnover, gross), for the stitched
  // out-of-sample curve of a walk-forward run; nullopt without test bars or a winner.
  std::optional<PeriodRows> winner_test;
  // Up to settings.out_of_sample strategies measured out of sample, in trial order; empty
  // without test bars.
  std::vector<OutOfSampleProbe> probes;
  bool has_winner() const { return !leaders.empty(); }
  const Trial& trial_of(const Leader& l) const { return outcome.trials[l.trial]; }
};

// Everything a fold runs on. The references must outlive run_fold.
struct FoldJob {
  const SearchSpace& space;
  const PipelineRecipe& recipe;
  const SearchSettings& settings;  // the whole search's budget; scaled by budget_share
  const MarketData& data;
  const NewsTable* news;  // nullptr without news
  const BacktestSettings& backtest;
  Fold fold;
  double budget_share = 1;  // walk-forward folds split the budget
  // Called while strategies are measured out of sample after the search, about five times a
  // second and once at the end, from any of the threads doing it, one call at a time.
  std::function<void(size_t done, size_t total, double seconds)> measuring{};
};

// A fold's training bars as its search evaluates them: every bar up to its end (modules see
// the history), scored from the bar before its first (a rolling fold scores its own bars).
EvalData training_data(const MarketData& data, const NewsTable* news, const BacktestSettings& backtest,
                       const Fold& fold);

// The search's settings for one fold: the budget (evaluations and seconds) scaled by the
// fold's share.
SearchSettings fold_settings(const SearchSettings& whole, double budget_share);

// Throws what run_search throws (SpaceError, std::invalid_argument).
FoldResult run_fold(const FoldJob& job, const std::function<void(const SearchProgress&)>& progress);

}  // namespace mosaic::host::research
