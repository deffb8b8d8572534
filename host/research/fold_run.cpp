#include "host/research/fold_run.hpp"

#include "host/backtest/window.hpp"
#include "host/research/eval_data.hpp"
#include "host/research/parallel_each.hpp"
#include "host/research/ranking.hpp"
#include "host/research/search.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <cmath>
#include <memory>

namespace mosaic::host::research {
namespace {

// The leaders, then the strategies whose first configurations' keys hash lowest, up to
// `limit` in all: a uniform sample that does not depend on evaluation order (every strategy
// when the limit allows). Measured on the search's threads, each with its own evaluator.
std::vector<OutOfSampleProbe> probe_out_of_sample(const FoldResult& r, const FoldJob& job,
                                                  const std::shared_ptr<OutputCache>& cache, const EvalData& test) {
  const size_t limit = job.settings.out_of_sample;
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
  for (size_t k = 0; k < by_hash.size() && k + r.leaders.size() < limit; ++k) chosen[by_hash[k].second] = true;
  std::vector<size_t> trials;
  for (size_t i = 0; i < chosen.size(); ++i)
    if (chosen[i]) trials.push_back(i);

  const int threads = std::max(1, job.settings.threads);
  std::vector<std::unique_ptr<ConfigEvaluator>> evaluators(static_cast<size_t>(threads));
  std::vector<std::optional<Metrics>> measured(trials.size());
  const std::atomic<bool>* interrupt = job.settings.interrupt;
  const auto start = std::chrono::steady_clock::now();
  std::atomic<size_t> done{0};
  std::mutex reporting;
  double reported = 0;  // seconds, guarded by `reporting`
  auto report = [&](bool last) {
    if (!job.measuring) return;
    std::unique_lock lock(reporting, std::defer_lock);
    if (last) lock.lock();
    else if (!lock.try_lock()) return;  // another thread is reporting
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!last && seconds - reported < 0.2) return;
    reported = seconds;
    job.measuring(done.load(), trials.size(), seconds);
  };
  parallel_each(trials.size(), threads, [&](int w, size_t k) {
    if (interrupt && interrupt->load()) return;  // stopped: the strategies measured so far stand
    auto& evaluator = evaluators[static_cast<size_t>(w)];
    if (!evaluator) evaluator = std::make_unique<ConfigEvaluator>(job.recipe, cache);
    const Evaluation e = evaluator->measure(r.outcome.trials[trials[k]].candidate, test);
    if (e.ok) measured[k] = e.metrics;
    ++done;
    report(false);
  });
  report(true);
  std::vector<OutOfSampleProbe> probes;
  for (size_t k = 0; k < trials.size(); ++k)
    if (measured[k]) probes.push_back({trials[k], *measured[k]});
  return probes;
}

}  // namespace

EvalData training_data(const MarketData& data, const NewsTable* news, const BacktestSettings& backtest,
                       const Fold& fold) {
  // A rolling fold scores its own bars only; the modules still see the history before them.
  const size_t score_from = fold.train_begin > 0 ? fold.train_begin - 1 : 0;
  return make_eval_data(data, news, backtest, fold.train_end, score_from);
}

SearchSettings fold_settings(const SearchSettings& whole, double budget_share) {
  SearchSettings settings = whole;
  if (settings.max_evaluations)
    settings.max_evaluations = std::max<uint64_t>(
        1, static_cast<uint64_t>(std::llround(static_cast<double>(*settings.max_evaluations) * budget_share)));
  if (settings.max_seconds) settings.max_seconds = *settings.max_seconds * budget_share;
  return settings;
}

FoldResult run_fold(const FoldJob& job, const std::function<void(const SearchProgress&)>& progress) {
  FoldResult r;
  r.fold = job.fold;
  const SearchSettings settings = fold_settings(job.settings, job.budget_share);

  auto cache = settings.cache_bytes > 0 ? std::make_shared<OutputCache>(settings.cache_bytes) : nullptr;
  const EvalData train = training_data(job.data, job.news, job.backtest, job.fold);
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

  if (test) r.probes = probe_out_of_sample(r, job, cache, *test);

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
