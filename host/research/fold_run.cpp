#include "host/research/fold_run.hpp"

#include "host/backtest/window.hpp"
#include "host/research/eval_data.hpp"
#include "host/research/ranking.hpp"
#include "host/research/search.hpp"

#include <algorithm>
#include <cmath>

namespace mosaic::host::research {
namespace {

// The leaders, then the strategies whose first configurations' keys hash lowest, up to
// kOutOfSampleProbes: a uniform sample that does not depend on evaluation order.
std::vector<OutOfSampleProbe> probe_out_of_sample(const FoldResult& r, ConfigEvaluator& evaluator,
                                                  const EvalData& test) {
  std::vector<size_t> first_of(r.outcome.strategies + 1, SIZE_MAX);
  for (size_t i = 0; i < r.outcome.trials.size(); ++i) {
    const Trial& t = r.outcome.trials[i];
    if (t.eval.ok && first_of[t.strategy] == SIZE_MAX) first_of[t.strategy] = i;
  }
  std::vector<std::pair<uint64_t, size_t>> by_hash;
  std::vector<bool> chosen(r.outcome.trials.size(), false);
  for (const auto& l : r.leaders) chosen[l.trial] = true;
  for (size_t s = 1; s < first_of.size(); ++s)
    if (first_of[s] != SIZE_MAX && !chosen[first_of[s]]) {
      const std::string& key = r.outcome.trials[first_of[s]].key;
      by_hash.push_back({hash_bytes(key.data(), key.size()), first_of[s]});
    }
  std::sort(by_hash.begin(), by_hash.end());
  for (size_t k = 0; k < by_hash.size() && k + r.leaders.size() < kOutOfSampleProbes; ++k) chosen[by_hash[k].second] = true;
  std::vector<OutOfSampleProbe> probes;
  for (size_t i = 0; i < chosen.size(); ++i) {
    if (!chosen[i]) continue;
    const Evaluation e = evaluator.evaluate(r.outcome.trials[i].candidate, test);
    if (e.ok) probes.push_back({i, e.metrics});
  }
  return probes;
}

}  // namespace

FoldResult run_fold(const FoldJob& job, const std::function<void(const SearchProgress&)>& progress) {
  FoldResult r;
  r.fold = job.fold;
  SearchSettings settings = job.settings;
  if (settings.max_evaluations)
    settings.max_evaluations = std::max<uint64_t>(
        1, static_cast<uint64_t>(std::llround(static_cast<double>(*settings.max_evaluations) * job.budget_share)));
  if (settings.max_seconds) settings.max_seconds = *settings.max_seconds * job.budget_share;

  auto cache = settings.cache_bytes > 0 ? std::make_shared<OutputCache>(settings.cache_bytes) : nullptr;
  // A rolling fold scores its own bars only; the modules still see the history before them.
  const size_t score_from = job.fold.train_begin > 0 ? job.fold.train_begin - 1 : 0;
  const EvalData train = make_eval_data(job.data, job.news, job.backtest, job.fold.train_end, score_from);
  r.outcome = run_search(job.space, job.recipe, train, settings, cache, progress);

  const std::vector<size_t> ranked = rank_trials(r.outcome, settings, r.pareto);
  if (ranked.empty()) return r;
  std::optional<EvalData> test;
  if (job.fold.test_end > job.fold.train_end)
    test = make_eval_data(job.data, job.news, job.backtest, job.fold.test_end, job.fold.train_end - 1);
  ConfigEvaluator evaluator(job.recipe, cache);
  std::vector<size_t> configs_of(r.outcome.strategies + 1, 0);
  for (const auto& t : r.outcome.trials) ++configs_of[t.strategy];
  std::vector<bool> taken(r.outcome.strategies + 1, false);
  for (size_t k = 0; k < ranked.size() && r.leaders.size() < kLeaders; ++k) {
    const Trial& t = r.outcome.trials[ranked[k]];
    if (taken[t.strategy]) continue;  // ranked after its first configuration: the same strategy
    taken[t.strategy] = true;
    Leader l{ranked[k], configs_of[t.strategy] - 1, std::nullopt};
    if (test) l.test = evaluator.evaluate(t.candidate, *test);
    r.leaders.push_back(std::move(l));
  }

  if (test) r.probes = probe_out_of_sample(r, evaluator, *test);

  const Trial& winner = r.outcome.trials[ranked.front()];
  const Evaluation in_sample = evaluator.evaluate(winner.candidate, train);
  r.overfitting = overfitting_report(r.outcome.trials, in_sample.returns, settings.pbo_blocks, settings.threads);

  const EvalData whole = make_eval_data(job.data, job.news, job.backtest, job.fold.test_end);
  BacktestResult full;
  if (evaluator.evaluate_full(winner.candidate, whole, &full).ok) {
    r.winner_equity = full.equity;
    r.winner_drawdown = full.drawdown;
    if (job.fold.test_end > job.fold.train_end)
      r.winner_test = period_rows(backtest_window(full, job.fold.train_end - 1, job.fold.test_end));
  }
  return r;
}

}  // namespace mosaic::host::research
