#include "host/research/ablation.hpp"

#include "host/research/backtest_rows.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

namespace mosaic::host::research {
namespace {

// A run whose returns never vary (a flat book: the module it lacks was what traded) has no
// Sharpe ratio by the metric's definition; ablation counts it as 0, the Sharpe ratio of
// cash, so that "without it nothing is traded" still yields a verdict.
double ablation_value(const std::string& metric, double value, const Metrics& m) {
  return metric == "sharpe" && std::isnan(value) && m.periods >= 2 ? 0.0 : value;
}

std::vector<std::pair<std::string, double>> ablation_metrics(const BacktestResult& r, const BacktestSettings& s) {
  const Metrics m = compute_metrics(r, s);
  auto items = m.items();
  for (auto& [name, value] : items) value = ablation_value(name, value, m);
  return items;
}

std::vector<double> metric_values(const BacktestResult& r, const BacktestSettings& s) {
  std::vector<double> values;
  for (const auto& [name, value] : ablation_metrics(r, s)) values.push_back(value);
  return values;
}

void summarise(MetricDelta& d, std::vector<double> replicates, double confidence) {
  d.replicates = replicates.size();
  if (replicates.empty()) {
    d.low = d.high = d.std_error = NAN;
    return;
  }
  const double n = static_cast<double>(replicates.size());
  const double mean = std::accumulate(replicates.begin(), replicates.end(), 0.0) / n;
  double ss = 0;
  for (double r : replicates) ss += (r - mean) * (r - mean);
  d.std_error = replicates.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
  std::sort(replicates.begin(), replicates.end());
  d.low = quantile_sorted(replicates, (1 - confidence) / 2);
  d.high = quantile_sorted(replicates, (1 + confidence) / 2);
}

}  // namespace

std::vector<MetricDelta> metric_deltas(const BacktestResult& baseline, const BacktestResult& variant,
                                       const BacktestSettings& backtest, const BootstrapSettings& bootstrap) {
  if (baseline.bars != variant.bars)
    throw std::invalid_argument("metric_deltas: the runs cover different numbers of bars");
  if (!(std::isfinite(bootstrap.mean_block_length) && bootstrap.mean_block_length >= 1))
    throw std::invalid_argument("metric_deltas: mean block length must be >= 1");
  if (bootstrap.resamples == 0) throw std::invalid_argument("metric_deltas: need at least one resample");
  if (!(bootstrap.confidence > 0 && bootstrap.confidence < 1))
    throw std::invalid_argument("metric_deltas: confidence outside (0, 1)");

  std::vector<MetricDelta> deltas;
  const auto base = ablation_metrics(baseline, backtest), var = ablation_metrics(variant, backtest);
  for (std::size_t i = 0; i < base.size(); ++i)
    deltas.push_back({base[i].first, base[i].second, var[i].second, var[i].second - base[i].second, NAN, NAN, NAN, 0});

  const PeriodRows rows_base = period_rows(baseline), rows_var = period_rows(variant);
  std::vector<std::vector<double>> replicates(deltas.size());
  if (rows_base.periods() > 0) {
    std::mt19937_64 rng(bootstrap.seed);
    for (std::size_t b = 0; b < bootstrap.resamples; ++b) {
      const auto idx = stationary_bootstrap_indices(rows_base.periods(), bootstrap.mean_block_length, rng);
      const auto mb = metric_values(rebuild_backtest(rows_base, idx), backtest);
      const auto mv = metric_values(rebuild_backtest(rows_var, idx), backtest);
      for (std::size_t i = 0; i < deltas.size(); ++i)
        if (std::isfinite(mb[i]) && std::isfinite(mv[i])) replicates[i].push_back(mv[i] - mb[i]);
    }
  }
  for (std::size_t i = 0; i < deltas.size(); ++i) summarise(deltas[i], std::move(replicates[i]), bootstrap.confidence);
  return deltas;
}

const MetricDelta& find_delta(const std::vector<MetricDelta>& deltas, const std::string& metric) {
  for (const auto& d : deltas)
    if (d.metric == metric) return d;
  throw std::out_of_range("no metric '" + metric + "'");
}

const char* effect_name(Effect e) {
  switch (e) {
    case Effect::Helps: return "helps";
    case Effect::Hurts: return "hurts";
    case Effect::NoSignificantEffect: return "no significant effect";
    case Effect::Undetermined: break;
  }
  return "undetermined";
}

Effect module_effect(double low, double high) {
  // Two runs that differ only by the order of floating-point operations (a module whose
  // effect another undoes) give intervals of width ~1e-16 that may miss 0 by rounding.
  constexpr double kRoundingNoise = 1e-9;
  if (!(std::isfinite(low) && std::isfinite(high))) return Effect::Undetermined;
  if (low > kRoundingNoise) return Effect::Helps;
  if (high < -kRoundingNoise) return Effect::Hurts;
  return Effect::NoSignificantEffect;
}

}  // namespace mosaic::host::research
