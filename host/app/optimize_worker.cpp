#include "host/app/optimize_worker.hpp"

#include "host/app/error.hpp"
#include "host/research/candidate_point.hpp"
#include "host/research/eval_data.hpp"
#include "host/research/fold_run.hpp"
#include "host/research/parallel_each.hpp"
#include "host/research/population_search.hpp"
#include "host/research/trial_store.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace mosaic::host::app {

struct OptimizeWorker::Fold {
  size_t index;
  research::EvalData train;
  std::shared_ptr<OutputCache> cache;
  std::vector<std::unique_ptr<research::ConfigEvaluator>> evaluators;
};

OptimizeWorker::OptimizeWorker(const Session& s, const OptimizePlan& plan) : session_(s), plan_(plan), recipe_(plan.recipe) {
  // As run_search does: the modules the space varies, for the output cache's admission.
  recipe_.searched.emplace();
  for (const auto& d : plan.space.dimensions()) recipe_.searched->insert(d.module);
}

OptimizeWorker::~OptimizeWorker() = default;

OptimizeWorker::Fold& OptimizeWorker::fold(size_t index) {
  if (index >= plan_.folds.size())
    throw Error(ErrorKind::Usage, fmt::format("fold {} of a plan with {} folds", index + 1, plan_.folds.size()));
  if (!fold_ || fold_->index != index) {
    // As run_fold does for the search on rank 0: the fold's training bars and an output
    // cache of the search's size.
    const NewsTable* news = session_.news ? &*session_.news : nullptr;
    const size_t threads = static_cast<size_t>(plan_.settings.threads);
    fold_.reset();
    fold_ = std::make_unique<Fold>(Fold{
        index, research::training_data(session_.data, news, session_.config.backtest, plan_.folds[index]),
        plan_.settings.cache_bytes > 0 ? std::make_shared<OutputCache>(plan_.settings.cache_bytes) : nullptr,
        std::vector<std::unique_ptr<research::ConfigEvaluator>>(threads)});
  }
  return *fold_;
}

std::vector<research::RecordedTrial> OptimizeWorker::evaluate(size_t fold_index,
                                                              const std::vector<std::vector<double>>& points) {
  Fold& f = fold(fold_index);
  std::vector<research::Candidate> candidates;
  candidates.reserve(points.size());
  try {
    for (const auto& p : points) candidates.push_back(research::candidate_at(plan_.space, p));
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::Usage, fmt::format("a point that does not fit the plan's space: {}", e.what()));
  }
  std::vector<research::RecordedTrial> results(points.size());
  research::parallel_each(candidates.size(), plan_.settings.threads, [&](int worker, size_t i) {
    auto& evaluator = f.evaluators[static_cast<size_t>(worker)];
    if (!evaluator) evaluator = std::make_unique<research::ConfigEvaluator>(recipe_, f.cache);
    results[i] = research::record_evaluation(*evaluator, f.train, candidates[i], plan_.settings.pbo_blocks);
  });
  return results;
}

OptimizeWorker::IslandsOutcome OptimizeWorker::run_islands(size_t fold_index, const research::IslandRange& range,
                                                          const std::function<void(IslandTrials&)>& send) {
  Fold& f = fold(fold_index);
  research::SearchSettings settings =
      research::fold_settings(plan_.settings, 1.0 / static_cast<double>(plan_.folds.size()));
  settings.threads = range.count;
  settings.remote = nullptr;
  settings.recorded = nullptr;
  IslandTrials batch;
  std::unordered_map<std::string, uint64_t> sent;  // key -> the order it was sent with
  constexpr size_t kBatch = 256;
  auto add = [&](const research::Trial& t) {
    batch.points.push_back(research::point_of(plan_.space, t.candidate));
    batch.orders.push_back(t.order);
    batch.results.push_back(research::record_of(t));
  };
  // Called under the store's lock, one trial at a time.
  settings.on_trial = [&](const research::Trial& t) {
    add(t);
    sent[t.key] = t.order;
    if (batch.size() >= kBatch) {
      send(batch);
      batch = {};
    }
  };
  research::TrialStore store(settings);
  IslandsOutcome out;
  out.reason = research::run_islands(plan_.space, recipe_, f.train, settings, f.cache, store, range, out.rejected, {});
  // A trial an island met again with a smaller order keeps the smaller one, as in one process.
  for (const research::Trial& t : store.take_trials()) {
    if (sent.at(t.key) != t.order) add(t);
  }
  if (batch.size() > 0) send(batch);
  return out;
}

}  // namespace mosaic::host::app
