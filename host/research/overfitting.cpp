#include "host/research/overfitting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <unordered_set>

namespace mosaic::host::research {

OverfittingReport overfitting_report(const std::vector<Trial>& trials, const std::vector<double>& winner_returns,
                                     size_t pbo_blocks, int threads) {
  OverfittingReport r;
  r.pbo_blocks = pbo_blocks;
  std::vector<double> sharpes;  // one per strategy
  std::unordered_set<size_t> seen;
  for (const auto& t : trials) {
    if (!t.eval.ok || !std::isfinite(t.sharpe_per_period)) continue;
    ++r.trials;
    if (seen.insert(t.strategy).second) sharpes.push_back(t.sharpe_per_period);
  }
  r.strategies = sharpes.size();
  if (sharpes.size() >= 2) {
    const double mean = std::accumulate(sharpes.begin(), sharpes.end(), 0.0) / static_cast<double>(sharpes.size());
    double ss = 0;
    for (double s : sharpes) ss += (s - mean) * (s - mean);
    r.sharpe_variance = ss / static_cast<double>(sharpes.size() - 1);
  }
  if (r.strategies == 0) {
    r.dsr_note = "no evaluated configuration has a defined Sharpe ratio";
  } else {
    try {
      r.dsr = deflated_sharpe(winner_returns, r.strategies, r.sharpe_variance);
    } catch (const std::invalid_argument& e) {
      r.dsr_note = e.what();
    }
  }

  std::vector<const BlockMoments*> kept;
  std::unordered_set<size_t> kept_strategies;
  for (const auto& t : trials)
    if (t.eval.ok && !t.moments.empty() && kept_strategies.insert(t.strategy).second) kept.push_back(&t.moments);
  r.pbo_configs = kept.size();
  if (kept.size() < 2) {
    r.pbo_note = fmt::format("needs at least 2 distinct strategies that ran, found {}", kept.size());
    return r;
  }
  try {
    if (kept.front()->blocks() != pbo_blocks)
      throw std::invalid_argument(fmt::format("pbo: the trials were cut into {} blocks, not {}",
                                              kept.front()->blocks(), pbo_blocks));
    r.pbo = probability_of_backtest_overfitting(moment_table(kept), threads);
  } catch (const std::invalid_argument& e) {
    r.pbo_note = e.what();
  }
  return r;
}

std::vector<size_t> pareto_front(const std::vector<double>& f1, const std::vector<double>& f2) {
  if (f1.size() != f2.size()) throw std::invalid_argument("pareto_front: objective vectors differ in length");
  std::vector<size_t> idx(f1.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    if (f1[a] != f1[b]) return f1[a] < f1[b];
    if (f2[a] != f2[b]) return f2[a] < f2[b];
    return a < b;
  });
  // Sweep by f1: a point joins the front when it beats every earlier point's f2. Equal
  // points both stay (neither dominates the other).
  std::vector<size_t> front;
  double best_f2 = INFINITY;
  double last_f1 = NAN, last_f2 = NAN;
  for (size_t i : idx) {
    if (!std::isfinite(f1[i]) || !std::isfinite(f2[i])) continue;
    const bool same_as_last = f1[i] == last_f1 && f2[i] == last_f2;
    if (f2[i] < best_f2 || same_as_last) {
      front.push_back(i);
      best_f2 = std::min(best_f2, f2[i]);
      last_f1 = f1[i];
      last_f2 = f2[i];
    }
  }
  return front;
}

}  // namespace mosaic::host::research
