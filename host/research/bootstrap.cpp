#include "host/research/bootstrap.hpp"

#include "host/research/moments.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::host::research {

namespace {

void check_settings(const BootstrapSettings& s) {
  if (!(std::isfinite(s.mean_block_length) && s.mean_block_length >= 1))
    throw std::invalid_argument("bootstrap: mean block length must be >= 1");
  if (s.resamples == 0) throw std::invalid_argument("bootstrap: need at least one resample");
  if (!(s.confidence > 0 && s.confidence < 1)) throw std::invalid_argument("bootstrap: confidence outside (0, 1)");
}

BootstrapInterval summarise(double estimate, std::vector<double> replicates, double confidence) {
  BootstrapInterval out;
  out.estimate = estimate;
  const double n = static_cast<double>(replicates.size());
  double mean = 0;
  for (double r : replicates) mean += r;
  mean /= n;
  double ss = 0;
  std::size_t extreme = 0;
  for (double r : replicates) {
    ss += (r - mean) * (r - mean);
    if (std::abs(r - estimate) >= std::abs(estimate)) ++extreme;
  }
  out.std_error = replicates.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
  out.p_value = static_cast<double>(extreme) / n;
  out.replicates = replicates;
  std::sort(replicates.begin(), replicates.end());
  out.low = quantile_sorted(replicates, (1 - confidence) / 2);
  out.high = quantile_sorted(replicates, (1 + confidence) / 2);
  return out;
}

}  // namespace

double default_mean_block_length(std::size_t periods) {
  return std::max(1.0, std::round(std::cbrt(static_cast<double>(periods))));
}

double quantile_sorted(const std::vector<double>& v, double q) {
  if (v.empty()) return NAN;
  const double h = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

std::vector<std::size_t> stationary_bootstrap_indices(std::size_t length, double mean_block_length,
                                                      std::mt19937_64& rng) {
  if (!(std::isfinite(mean_block_length) && mean_block_length >= 1))
    throw std::invalid_argument("stationary_bootstrap_indices: mean block length must be >= 1");
  std::vector<std::size_t> idx(length);
  if (length == 0) return idx;
  std::uniform_int_distribution<std::size_t> start(0, length - 1);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double p_new = 1.0 / mean_block_length;
  idx[0] = start(rng);
  for (std::size_t i = 1; i < length; ++i) {
    if (u(rng) < p_new) idx[i] = start(rng);
    else idx[i] = (idx[i - 1] + 1) % length;
  }
  return idx;
}

BootstrapInterval bootstrap_interval(std::span<const double> returns, const Statistic& statistic,
                                     const BootstrapSettings& settings) {
  check_settings(settings);
  if (returns.empty()) throw std::invalid_argument("bootstrap: empty series");
  std::mt19937_64 rng(settings.seed);
  std::vector<double> sample(returns.size()), replicates;
  replicates.reserve(settings.resamples);
  for (std::size_t b = 0; b < settings.resamples; ++b) {
    const auto idx = stationary_bootstrap_indices(returns.size(), settings.mean_block_length, rng);
    for (std::size_t i = 0; i < idx.size(); ++i) sample[i] = returns[idx[i]];
    replicates.push_back(statistic(sample));
  }
  return summarise(statistic(returns), std::move(replicates), settings.confidence);
}

BootstrapInterval bootstrap_interval(std::span<const double> returns_a, std::span<const double> returns_b,
                                     const PairStatistic& statistic, const BootstrapSettings& settings) {
  check_settings(settings);
  if (returns_a.size() != returns_b.size()) throw std::invalid_argument("bootstrap: series lengths differ");
  if (returns_a.empty()) throw std::invalid_argument("bootstrap: empty series");
  std::mt19937_64 rng(settings.seed);
  std::vector<double> sa(returns_a.size()), sb(returns_b.size()), replicates;
  replicates.reserve(settings.resamples);
  for (std::size_t b = 0; b < settings.resamples; ++b) {
    const auto idx = stationary_bootstrap_indices(returns_a.size(), settings.mean_block_length, rng);
    for (std::size_t i = 0; i < idx.size(); ++i) {
      sa[i] = returns_a[idx[i]];
      sb[i] = returns_b[idx[i]];
    }
    replicates.push_back(statistic(sa, sb));
  }
  return summarise(statistic(returns_a, returns_b), std::move(replicates), settings.confidence);
}

BootstrapInterval sharpe_difference_bootstrap(std::span<const double> returns_a, std::span<const double> returns_b,
                                              const BootstrapSettings& settings) {
  // A resample of a non-constant series can come out constant; its Sharpe is then taken
  // as 0 (rare with real returns, and it keeps the replicate count fixed).
  const auto sr = [](std::span<const double> x) {
    try {
      return sharpe_ratio(x);
    } catch (const std::invalid_argument&) {
      return 0.0;
    }
  };
  // The estimate itself must be well defined.
  (void)sharpe_ratio(returns_a);
  (void)sharpe_ratio(returns_b);
  return bootstrap_interval(
      returns_a, returns_b, [&](std::span<const double> a, std::span<const double> b) { return sr(a) - sr(b); },
      settings);
}

}  // namespace mosaic::host::research
