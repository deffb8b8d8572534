#include "host/app/optimize_worker.hpp"

#include "host/app/error.hpp"
#include "host/research/candidate_point.hpp"
#include "host/research/eval_data.hpp"
#include "host/research/parallel_each.hpp"
#include "host/research/trial_store.hpp"

#include <fmt/format.h>

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

std::vector<research::RecordedTrial> OptimizeWorker::evaluate(size_t fold,
                                                              const std::vector<std::vector<double>>& points) {
  if (fold >= plan_.folds.size())
    throw Error(ErrorKind::Usage, fmt::format("fold {} of a plan with {} folds", fold + 1, plan_.folds.size()));
  if (!fold_ || fold_->index != fold) {
    // As run_fold does for the search on rank 0: the fold's training bars, scored from the
    // bar before its first, and an output cache of the search's size.
    const research::Fold& f = plan_.folds[fold];
    const size_t score_from = f.train_begin > 0 ? f.train_begin - 1 : 0;
    const NewsTable* news = session_.news ? &*session_.news : nullptr;
    const size_t threads = static_cast<size_t>(plan_.settings.threads);
    fold_.reset();
    fold_ = std::make_unique<Fold>(Fold{
        fold, research::make_eval_data(session_.data, news, session_.config.backtest, f.train_end, score_from),
        plan_.settings.cache_bytes > 0 ? std::make_shared<OutputCache>(plan_.settings.cache_bytes) : nullptr,
        std::vector<std::unique_ptr<research::ConfigEvaluator>>(threads)});
  }
  std::vector<research::Candidate> candidates;
  candidates.reserve(points.size());
  try {
    for (const auto& p : points) candidates.push_back(research::candidate_at(plan_.space, p));
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::Usage, fmt::format("a point that does not fit the plan's space: {}", e.what()));
  }
  std::vector<research::RecordedTrial> results(points.size());
  Fold& f = *fold_;
  research::parallel_each(candidates.size(), plan_.settings.threads, [&](int worker, size_t i) {
    auto& evaluator = f.evaluators[static_cast<size_t>(worker)];
    if (!evaluator) evaluator = std::make_unique<research::ConfigEvaluator>(recipe_, f.cache);
    results[i] = research::record_evaluation(*evaluator, f.train, candidates[i], plan_.settings.pbo_blocks);
  });
  return results;
}

}  // namespace mosaic::host::app
