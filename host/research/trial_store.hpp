// The shared state of a running search: the distinct trials evaluated so far (looked up
// by Candidate::key), the stop conditions, and the best value for the progress line.
#pragma once

#include "host/research/trial.hpp"

#include <chrono>
#include <mutex>
#include <span>
#include <unordered_map>

namespace mosaic::host::research {

class TrialStore {
 public:
  explicit TrialStore(const SearchSettings& settings);

  // The trial's minimised fitness for each target, evaluating it with `evaluator` unless
  // an equal candidate was evaluated before. `order` is its place in the deterministic
  // sequence; a repeat keeps the smaller order. `fresh` tells whether this call evaluated.
  // The candidate is taken by value: a caller done with it moves it into the trial.
  std::vector<double> evaluate(ConfigEvaluator& evaluator, const EvalData& data, Candidate c, uint64_t order,
                               bool* fresh = nullptr);
  // The same, for a caller that already has the candidate's key.
  std::vector<double> evaluate(ConfigEvaluator& evaluator, const EvalData& data, Candidate c, std::string key,
                               uint64_t order, bool* fresh = nullptr);
  // evaluate() for up to Backtester::kLanes candidates at once (ConfigEvaluator::measure_lanes),
  // candidate k at orders[k]; the candidates are moved from.
  void evaluate_lanes(ConfigEvaluator& evaluator, const EvalData& data, std::span<Candidate> candidates,
                      std::span<const uint64_t> orders);
  // A candidate another process evaluated (RemoteWorkers): its result becomes the trial, as
  // if evaluated here (not marked replayed). A repeat keeps the smaller order.
  std::vector<double> adopt(Candidate c, uint64_t order, RecordedTrial result);
  // Whether the key was evaluated; its fitness if so.
  std::optional<std::vector<double>> lookup(const std::string& key);

  // How many evaluations the search can make at most (a grid's size), for the time left;
  // the store makes room for them up front, so that it does not grow under its lock.
  void set_expected(uint64_t n);

  // True once interrupted, out of time, or (with a budget) evaluated() reached it.
  bool should_stop() const;
  bool interrupted() const;
  bool out_of_time() const;
  uint64_t evaluated() const { return evaluated_.load(); }
  double elapsed_seconds() const;
  SearchProgress progress() const;

  // The trials in order.
  std::vector<Trial> take_trials();

 private:
  Trial* find(const std::string& key, uint64_t hash);  // under mutex_
  // A key evaluated before: its fitness is returned, and it takes the smaller order and that
  // order's candidate. Candidates of one key may differ in what the key ignores (the
  // parameters of a switched-off module), so the trial shows the first in the search's order
  // whichever thread got there first, and the outputs are the same from run to run.
  std::optional<std::vector<double>> repeat_of(const std::string& key, uint64_t hash, uint64_t order,
                                               const Candidate& candidate);
  static void take_order(Trial& known, uint64_t order, const Candidate& candidate);  // under mutex_
  // What the journal of a resumed search holds for the key, if anything.
  const RecordedTrial* recorded_for(const std::string& key) const;
  static void take_record(Trial& t, RecordedTrial r);
  // Computes the trial's targets and constraints and stores it unless another thread did.
  std::vector<double> settle(Trial t, uint64_t hash, uint64_t order, bool* fresh);
  std::vector<double> fitness(const Trial& t) const;  // minimised, one per target

  const SearchSettings& settings_;
  std::chrono::steady_clock::time_point start_;
  mutable std::mutex mutex_;
  // Trials by the hash of their key (the keys themselves are in trials_, compared on a match).
  std::unordered_multimap<uint64_t, size_t> index_;
  std::vector<Trial> trials_;
  std::atomic<uint64_t> evaluated_{0};
  std::optional<double> best_;
  std::optional<uint64_t> expected_;
};

// Evaluates one candidate into what a trial needs of it (a worker process's side of
// TrialStore::adopt).
RecordedTrial record_evaluation(ConfigEvaluator& evaluator, const EvalData& data, const Candidate& c,
                                size_t pbo_blocks);
// The same for up to Backtester::kLanes candidates evaluated together.
std::vector<RecordedTrial> record_evaluations(ConfigEvaluator& evaluator, const EvalData& data,
                                              std::span<const Candidate* const> candidates, size_t pbo_blocks);

}  // namespace mosaic::host::research
