#include "host/cli/optimize_fold.hpp"

#include "host/research/eval_data.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mosaic::host::cli {
namespace {

constexpr size_t kLeaders = 10;
constexpr size_t kCacheBytes = size_t{1} << 30;  // module outputs kept across configurations

// Feasible trials, best first (ties: the earlier trial); nsga2 ranks its Pareto front by
// the first target.
std::vector<size_t> ranking(const research::SearchOutcome& o, const research::SearchSettings& s,
                            std::vector<size_t>& pareto) {
  std::vector<size_t> feasible;
  for (size_t i = 0; i < o.trials.size(); ++i)
    if (o.trials[i].feasible()) feasible.push_back(i);
  if (s.targets.size() == 2) {
    std::vector<double> f1, f2;
    for (size_t i : feasible) {
      f1.push_back(research::minimized_fitness(o.trials[i], s, 0));
      f2.push_back(research::minimized_fitness(o.trials[i], s, 1));
    }
    for (size_t k : research::pareto_front(f1, f2)) pareto.push_back(feasible[k]);
  }
  std::vector<size_t> ranked = s.targets.size() == 2 ? pareto : feasible;
  std::stable_sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) {
    return research::minimized_fitness(o.trials[a], s, 0) < research::minimized_fitness(o.trials[b], s, 0);
  });
  return ranked;
}

}  // namespace

FoldResult run_fold(const OptimizePlan& plan, const Session& s, const Fold& fold, double budget_share,
                    const std::atomic<bool>* interrupt,
                    const std::function<void(const research::SearchProgress&)>& progress) {
  FoldResult r;
  r.fold = fold;
  research::SearchSettings settings = plan.settings;
  settings.interrupt = interrupt;
  if (settings.max_evaluations)
    settings.max_evaluations = std::max<uint64_t>(
        1, static_cast<uint64_t>(std::llround(static_cast<double>(*settings.max_evaluations) * budget_share)));
  if (settings.max_seconds) settings.max_seconds = *settings.max_seconds * budget_share;

  const NewsTable* news = s.news ? &*s.news : nullptr;
  auto cache = std::make_shared<OutputCache>(kCacheBytes);
  const research::EvalData train = research::make_eval_data(s.data, news, s.config.backtest, fold.train_end);
  r.outcome = research::run_search(plan.space, plan.recipe, train, settings, cache, progress);

  const std::vector<size_t> ranked = ranking(r.outcome, settings, r.pareto);
  if (ranked.empty()) return r;
  const bool has_test = fold.test_end > fold.train_end;
  std::optional<research::EvalData> test;
  if (has_test)
    test = research::make_eval_data(s.data, news, s.config.backtest, fold.test_end, fold.train_end - 1);
  research::ConfigEvaluator evaluator(plan.recipe, cache);
  for (size_t k = 0; k < ranked.size() && k < kLeaders; ++k) {
    Leader l{ranked[k], std::nullopt};
    if (test) l.test = evaluator.evaluate(r.outcome.trials[ranked[k]].candidate, *test);
    r.leaders.push_back(std::move(l));
  }

  const research::Trial& winner = r.outcome.trials[ranked.front()];
  const research::Evaluation in_sample = evaluator.evaluate(winner.candidate, train);
  r.overfitting = research::overfitting_report(r.outcome.trials, in_sample.returns, plan.config.pbo_blocks);

  const research::EvalData whole = research::make_eval_data(s.data, news, s.config.backtest, fold.test_end);
  BacktestResult full;
  if (evaluator.evaluate_full(winner.candidate, whole, &full).ok) {
    r.winner_equity = full.equity;
    r.winner_drawdown = full.drawdown;
  }
  return r;
}

}  // namespace mosaic::host::cli
