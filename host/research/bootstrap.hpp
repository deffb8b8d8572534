// Stationary bootstrap (Politis & Romano 1994) of per-period returns, and bootstrap
// confidence intervals for a statistic of one or two aligned return series.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <vector>

namespace mosaic::host::research {

// `length` indices into a series of that length. Blocks start at a uniform index and run
// on circularly; each next index starts a new block with probability 1 / mean_block_length,
// so block lengths are geometric with that mean (1 gives the iid bootstrap).
// Throws std::invalid_argument when mean_block_length < 1 (or is not finite).
std::vector<std::size_t> stationary_bootstrap_indices(std::size_t length, double mean_block_length,
                                                      std::mt19937_64& rng);

// A mean block length for returns of unknown dependence: T^(1/3) rounded, at least 1, the
// rate that balances the bias and variance of block-bootstrap variance estimates (Hall,
// Horowitz & Jing 1995); 13 bars for 2,215 daily returns.
double default_mean_block_length(std::size_t periods);

// Type-7 quantile (linear interpolation between order statistics) of sorted values;
// NaN when there are none.
double quantile_sorted(const std::vector<double>& sorted, double q);

// The resample count and confidence that ablation and A/B comparison report with.
inline constexpr std::size_t kDefaultResamples = 1000;
inline constexpr double kDefaultConfidence = 0.95;

struct BootstrapSettings {
  double mean_block_length = 1.0;
  std::size_t resamples = kDefaultResamples;
  double confidence = kDefaultConfidence;
  std::uint64_t seed = 1;
};

struct BootstrapInterval {
  double estimate = 0;  // the statistic on the original data
  double low = 0;       // percentile interval: the (1-c)/2 and (1+c)/2 quantiles of the
  double high = 0;      //   replicates (linear interpolation between order statistics)
  double std_error = 0; // sample sd of the replicates
  double p_value = 0;   // two-sided, for "statistic == 0": the share of centred replicates
                        //   |r - estimate| at least |estimate| (the null imposed by centring)
  std::vector<double> replicates;
};

using Statistic = std::function<double(std::span<const double>)>;
using PairStatistic = std::function<double(std::span<const double>, std::span<const double>)>;

// Throws std::invalid_argument for an empty series, resamples == 0, confidence outside
// (0, 1), or a bad mean block length.
BootstrapInterval bootstrap_interval(std::span<const double> returns, const Statistic& statistic,
                                     const BootstrapSettings& settings = {});

// Both series are resampled with the same indices, keeping their alignment. Throws also
// when the lengths differ.
BootstrapInterval bootstrap_interval(std::span<const double> returns_a, std::span<const double> returns_b,
                                     const PairStatistic& statistic, const BootstrapSettings& settings = {});

// Bootstrap of the per-period Sharpe difference SR_a - SR_b of two aligned series, in the
// style of Ledoit & Wolf (2008) but with the plain (not studentized) centred bootstrap.
BootstrapInterval sharpe_difference_bootstrap(std::span<const double> returns_a, std::span<const double> returns_b,
                                              const BootstrapSettings& settings = {});

}  // namespace mosaic::host::research
