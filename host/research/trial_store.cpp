#include "host/research/trial_store.hpp"

#include "host/research/lane_digest.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string_view>

namespace mosaic::host::research {
namespace {

// The index's hash of a key: in memory only, so the library's, which takes eight bytes a
// step (hash_bytes takes one, and a search hashes a key of some 200 bytes per configuration).
uint64_t hash_of(const std::string& key) { return std::hash<std::string_view>{}(key); }

}  // namespace

TrialStore::TrialStore(const SearchSettings& settings)
    : settings_(settings), start_(std::chrono::steady_clock::now()) {}

void TrialStore::set_expected(uint64_t n) {
  expected_ = n;
  std::lock_guard lock(mutex_);
  trials_.reserve(trials_.size() + n);
  index_.reserve(index_.size() + n);
}

double TrialStore::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

bool TrialStore::interrupted() const { return settings_.interrupt && settings_.interrupt->load(); }

bool TrialStore::out_of_time() const { return settings_.max_seconds && elapsed_seconds() >= *settings_.max_seconds; }

bool TrialStore::should_stop() const {
  if (interrupted() || out_of_time()) return true;
  return settings_.max_evaluations && evaluated_.load() >= *settings_.max_evaluations;
}

std::vector<double> TrialStore::fitness(const Trial& t) const {
  std::vector<double> f;
  for (size_t k = 0; k < settings_.targets.size(); ++k) f.push_back(minimized_fitness(t, settings_, k));
  return f;
}

Trial* TrialStore::find(const std::string& key, uint64_t hash) {
  auto [first, last] = index_.equal_range(hash);
  for (auto it = first; it != last; ++it)
    if (trials_[it->second].key == key) return &trials_[it->second];
  return nullptr;
}

void TrialStore::take_order(Trial& known, uint64_t order, const Candidate& candidate) {
  if (order >= known.order) return;
  known.order = order;
  known.candidate = candidate;
}

std::optional<std::vector<double>> TrialStore::repeat_of(const std::string& key, uint64_t hash, uint64_t order,
                                                         const Candidate& candidate) {
  std::lock_guard lock(mutex_);
  Trial* known = find(key, hash);
  if (!known) return std::nullopt;
  take_order(*known, order, candidate);
  return fitness(*known);
}

const RecordedTrial* TrialStore::recorded_for(const std::string& key) const {
  if (!settings_.recorded) return nullptr;
  auto it = settings_.recorded->find(key);
  return it == settings_.recorded->end() ? nullptr : &it->second;
}

std::optional<std::vector<double>> TrialStore::lookup(const std::string& key) {
  const uint64_t hash = hash_of(key);
  std::lock_guard lock(mutex_);
  const Trial* known = find(key, hash);
  if (!known) return std::nullopt;
  return fitness(*known);
}

std::vector<double> TrialStore::evaluate(ConfigEvaluator& evaluator, const EvalData& data, Candidate c,
                                         uint64_t order, bool* fresh) {
  std::string key = c.key();
  return evaluate(evaluator, data, std::move(c), std::move(key), order, fresh);
}

std::vector<double> TrialStore::evaluate(ConfigEvaluator& evaluator, const EvalData& data, Candidate c,
                                         std::string key, uint64_t order, bool* fresh) {
  if (fresh) *fresh = false;
  const uint64_t hash = hash_of(key);
  if (auto known = repeat_of(key, hash, order, c)) return *known;
  Trial t;
  t.candidate = std::move(c);
  t.key = std::move(key);
  t.order = order;
  if (const RecordedTrial* recorded = recorded_for(t.key)) {
    t.replayed = true;
    take_record(t, *recorded);
  } else {
    take_record(t, record_evaluation(evaluator, data, t.candidate, settings_.pbo_blocks));
  }
  return settle(std::move(t), hash, order, fresh);
}

void TrialStore::evaluate_lanes(ConfigEvaluator& evaluator, const EvalData& data, std::span<Candidate> candidates,
                                std::span<const uint64_t> orders) {
  struct Pending {
    Trial trial;
    uint64_t hash;
  };
  std::vector<Pending> pending;
  for (size_t k = 0; k < candidates.size(); ++k) {
    Trial t;
    t.key = candidates[k].key();
    t.order = orders[k];
    const uint64_t hash = hash_of(t.key);
    if (repeat_of(t.key, hash, t.order, candidates[k])) continue;
    t.candidate = std::move(candidates[k]);
    if (const RecordedTrial* recorded = recorded_for(t.key)) {
      t.replayed = true;
      take_record(t, *recorded);
      const uint64_t order = t.order;
      settle(std::move(t), hash, order, nullptr);
      continue;
    }
    pending.push_back({std::move(t), hash});
  }
  if (pending.empty()) return;
  std::vector<const Candidate*> evaluate;
  for (const auto& p : pending) evaluate.push_back(&p.trial.candidate);
  std::vector<RecordedTrial> records = record_evaluations(evaluator, data, evaluate, settings_.pbo_blocks);
  for (size_t j = 0; j < pending.size(); ++j) {
    // A stop (an interrupt, the observer) keeps what was settled before it, as one
    // candidate at a time would: the rest of the batch is dropped.
    if (should_stop()) break;
    take_record(pending[j].trial, std::move(records[j]));
    const uint64_t order = pending[j].trial.order;
    settle(std::move(pending[j].trial), pending[j].hash, order, nullptr);
  }
}

std::vector<double> TrialStore::adopt(Candidate c, uint64_t order, RecordedTrial result) {
  Trial t;
  t.candidate = std::move(c);
  t.key = t.candidate.key();
  t.order = order;
  const uint64_t hash = hash_of(t.key);
  if (auto known = repeat_of(t.key, hash, order, t.candidate)) return *known;
  take_record(t, std::move(result));
  return settle(std::move(t), hash, order, nullptr);
}

void TrialStore::take_record(Trial& t, RecordedTrial r) {
  t.eval.ok = r.ok;
  t.eval.error = std::move(r.error);
  t.eval.metrics = r.metrics;
  if (t.eval.ok) {
    t.returns_hash = r.returns_hash;
    t.moments = std::move(r.moments);
  }
}

std::vector<double> TrialStore::settle(Trial t, uint64_t hash, uint64_t order, bool* fresh) {
  if (t.eval.ok) {
    for (const auto& target : settings_.targets) t.values.push_back(target.value(t.eval.metrics));
    for (const auto& con : settings_.constraints) {
      if (!con.on_metrics()) continue;
      const double v = con.violation(t.candidate, &t.eval.metrics);
      if (v > 0) {
        t.violation += v;
        t.broken.push_back(con.text);
      }
    }
    t.sharpe_per_period = t.eval.metrics.sharpe_per_period;
  }
  std::vector<double> f = fitness(t);

  std::lock_guard lock(mutex_);
  if (Trial* known = find(t.key, hash)) {  // another thread got there first
    take_order(*known, order, t.candidate);
    return f;
  }
  if (t.feasible() && (!best_ || settings_.targets[0].better(t.values[0], *best_))) best_ = t.values[0];
  index_.emplace(hash, trials_.size());
  trials_.push_back(std::move(t));
  evaluated_.fetch_add(1);
  if (settings_.on_trial) settings_.on_trial(trials_.back());
  if (fresh) *fresh = true;
  return f;
}

RecordedTrial record_evaluation(ConfigEvaluator& evaluator, const EvalData& data, const Candidate& c,
                                size_t pbo_blocks) {
  const Evaluation e = evaluator.measure(c, data);
  RecordedTrial r{e.ok, e.error, e.metrics, 0, {}};
  if (e.ok) {
    ReturnsDigest d = digest_returns(evaluator.scored_returns(), pbo_blocks);
    r.returns_hash = d.hash;
    r.moments = std::move(d.moments);
  }
  return r;
}

std::vector<RecordedTrial> record_evaluations(ConfigEvaluator& evaluator, const EvalData& data,
                                              std::span<const Candidate* const> candidates, size_t pbo_blocks) {
  const std::vector<Evaluation> evaluations = evaluator.measure_lanes(candidates, data);
  std::vector<ReturnsDigest> digests = evaluator.lane_digests(evaluations.size(), pbo_blocks);
  std::vector<RecordedTrial> records;
  for (size_t k = 0; k < evaluations.size(); ++k) {
    const Evaluation& e = evaluations[k];
    RecordedTrial r{e.ok, e.error, e.metrics, 0, {}};
    if (e.ok) {
      r.returns_hash = digests[k].hash;
      r.moments = std::move(digests[k].moments);
    }
    records.push_back(std::move(r));
  }
  return records;
}

SearchProgress TrialStore::progress() const {
  SearchProgress p;
  p.evaluated = evaluated_.load();
  p.elapsed_seconds = elapsed_seconds();
  {
    std::lock_guard lock(mutex_);
    p.best = best_;
  }
  std::optional<double> left;
  if (settings_.max_seconds) left = std::max(0.0, *settings_.max_seconds - p.elapsed_seconds);
  std::optional<uint64_t> most = settings_.max_evaluations;
  if (expected_) most = most ? std::min(*most, *expected_) : *expected_;
  if (most && p.evaluated > 0 && p.elapsed_seconds > 0) {
    const double rate = static_cast<double>(p.evaluated) / p.elapsed_seconds;
    const double by_count = static_cast<double>(*most - std::min(p.evaluated, *most)) / rate;
    left = left ? std::min(*left, by_count) : by_count;
  }
  p.seconds_left = left;
  return p;
}

std::vector<Trial> TrialStore::take_trials() {
  std::lock_guard lock(mutex_);
  std::vector<Trial> out = std::move(trials_);
  trials_.clear();
  index_.clear();
  std::sort(out.begin(), out.end(), [](const Trial& a, const Trial& b) { return a.order < b.order; });
  std::unordered_map<uint64_t, size_t> ids;
  for (auto& t : out)
    if (t.eval.ok) t.strategy = ids.emplace(t.returns_hash, ids.size() + 1).first->second;
  return out;
}

}  // namespace mosaic::host::research
