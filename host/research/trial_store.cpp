#include "host/research/trial_store.hpp"

#include "host/pipeline/output_cache.hpp"
#include "host/research/moments.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace mosaic::host::research {
namespace {

int level_of(const std::string& key) {
  const uint64_t h = hash_bytes(key.data(), key.size());
  return h == 0 ? 64 : std::countr_zero(h);
}

// The per-period Sharpe ratio, NaN where it is undefined (too short, no variance).
double sharpe_of(const std::vector<double>& r) {
  try {
    return sharpe_ratio(r);
  } catch (const std::invalid_argument&) {
    return NAN;
  }
}

}  // namespace

TrialStore::TrialStore(const SearchSettings& settings)
    : settings_(settings), start_(std::chrono::steady_clock::now()) {}

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

std::optional<std::vector<double>> TrialStore::lookup(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  return fitness(trials_[it->second]);
}

std::vector<double> TrialStore::evaluate(ConfigEvaluator& evaluator, const EvalData& data, const Candidate& c,
                                         uint64_t order, bool* fresh) {
  return evaluate(evaluator, data, c, c.key(), order, fresh);
}

std::vector<double> TrialStore::evaluate(ConfigEvaluator& evaluator, const EvalData& data, const Candidate& c,
                                         std::string key, uint64_t order, bool* fresh) {
  if (fresh) *fresh = false;
  {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it != index_.end()) {
      Trial& t = trials_[it->second];
      t.order = std::min(t.order, order);
      return fitness(t);
    }
  }
  Trial t;
  t.candidate = c;
  t.key = std::move(key);
  t.order = order;
  t.eval = evaluator.evaluate(c, data);
  std::vector<double> returns = std::move(t.eval.returns);
  t.eval.returns.clear();
  if (t.eval.ok) {
    for (const auto& target : settings_.targets) t.values.push_back(target.value(t.eval.metrics));
    for (const auto& con : settings_.constraints) {
      if (!con.on_metrics()) continue;
      const double v = con.violation(c, &t.eval.metrics);
      if (v > 0) {
        t.violation += v;
        t.broken.push_back(con.text);
      }
    }
    t.sharpe_per_period = sharpe_of(returns);
  }
  std::vector<double> f = fitness(t);

  std::lock_guard lock(mutex_);
  auto it = index_.find(t.key);
  if (it != index_.end()) {  // another thread got there first
    trials_[it->second].order = std::min(trials_[it->second].order, order);
    return f;
  }
  if (t.feasible() && (!best_ || settings_.targets[0].better(t.values[0], *best_))) best_ = t.values[0];
  if (t.eval.ok) keep_returns(t, returns);
  index_.emplace(t.key, trials_.size());
  trials_.push_back(std::move(t));
  evaluated_.fetch_add(1);
  if (fresh) *fresh = true;
  return f;
}

// Keeping every trial's returns would cost periods x trials memory; a trial whose key hash
// ends in at least keep_level_ zero bits is kept, and the level rises whenever the kept set
// passes twice the cap. The kept set is a uniform, order-independent sample.
void TrialStore::keep_returns(Trial& t, const std::vector<double>& returns) {
  if (level_of(t.key) < keep_level_) return;
  t.returns.assign(returns.begin(), returns.end());
  ++kept_;
  while (kept_ > 2 * settings_.keep_returns) {
    ++keep_level_;
    kept_ = 0;
    for (auto& other : trials_) {
      if (other.returns.empty()) continue;
      if (level_of(other.key) < keep_level_) {
        other.returns.clear();
        other.returns.shrink_to_fit();
      } else {
        ++kept_;
      }
    }
    if (level_of(t.key) < keep_level_) {
      t.returns.clear();
      t.returns.shrink_to_fit();
    } else {
      ++kept_;
    }
  }
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
  return out;
}

}  // namespace mosaic::host::research
