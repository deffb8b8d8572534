// Portfolio construction over a whole run: target weights per asset and bar.
//
// Timing (no look-ahead). The weights at bar t use closes, signals and the regime
// probability up to t only; the backtest applies them to the return from t to t+1.
//
// Rebalancing. The book is rebuilt on the bars t with t % rebalance == 0 and held unchanged
// in between. Only the regime scale (below) moves the weights between rebalances. The
// schedule is anchored at the first bar, so it does not shift when bars are appended.
//
// Warm-up and missing data. Weights are always finite: 0 (flat) until a method has what it
// needs, never NaN. The window methods (inverse volatility, minimum variance, mean-variance,
// risk parity) use the `lookback` daily simple returns r_t = close_t / close_{t-1} - 1 ending
// at t; an asset with any missing return in that window (a missing close at t or inside it)
// is left out of that rebalance, as is one whose returns have zero variance. The signal
// methods need a finite close and a finite blended score at t.
//
// Regime conditioning. With p = regime.p_high_vol at bar t, every weight at t is multiplied
// by 1 - regime_k * p (p clipped to [0, 1]; a NaN p, e.g. while the regime model warms up,
// leaves the weights unscaled). It applies on every bar, not only on rebalances, so the book
// de-risks as soon as the regime turns.
#pragma once

#include "long_only_qp.hpp"
#include "risk_parity.hpp"
#include "rolling_returns.hpp"
#include "signal_book.hpp"
#include "signal_weights.hpp"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace mosaic::portfolio {

enum class Method { SignalProportional, EqualWeightPositive, InverseVolatility, MinVariance, MeanVariance, RiskParity };

inline constexpr std::string_view kMethodNames[] = {"signal_proportional", "equal_weight_positive",
                                                    "inverse_volatility",  "min_variance",
                                                    "mean_variance",       "risk_parity"};
std::optional<Method> parse_method(std::string_view name);

struct Config {
  Method method = Method::SignalProportional;
  // signal_proportional and equal_weight_positive only: false allows shorts (net 0). The
  // other methods are long-only by construction.
  bool long_only = true;
  // Window methods: invest only in assets whose blended signal is positive (when a signal
  // is present).
  bool signal_filter = false;
  int lookback = 63;      // returns in the estimation window
  int rebalance = 5;      // bars between rebalances
  double risk_aversion = 5.0;  // gamma of mean-variance, on annualised figures
  double regime_k = 0.5;       // gross exposure times 1 - regime_k * p_high_vol
  int periods_per_year = 252;  // annualisation of mean-variance's inputs

  // Throws std::invalid_argument naming the first value out of range.
  void check() const;
};

// One run's inputs. Every span has the same length (bars); one column per asset, in
// universe order.
struct MarketData {
  std::vector<std::span<const double>> close;
  std::vector<SignalSource> signals;
  std::span<const double> p_high_vol;  // empty when absent
};

class PortfolioBuilder {
 public:
  explicit PortfolioBuilder(const Config& config);

  // Writes every bar of every asset's weight. weights.size() must equal the asset count,
  // each span as long as the inputs. The signal methods go through SignalBook, a column at
  // a time; the window methods bar by bar.
  void run(const MarketData& in, std::span<const std::span<double>> weights);
  // The general path, one bar at a time, for any method: what SignalBook must match (the
  // tests hold it to that).
  void run_bar_by_bar(const MarketData& in, std::span<const std::span<double>> weights);

  const Config& config() const { return config_; }
  // The share of assets eligible at the last rebalance of the last run (confidence).
  double eligible_share() const { return eligible_share_; }
  // Counters from the last run, for tests and benchmarks.
  struct Stats {
    size_t rebalances = 0;
    size_t solver_iterations = 0;
    size_t unconverged = 0;
  };
  const Stats& stats() const { return stats_; }

 private:
  bool uses_window() const;
  void check_inputs(const MarketData& in, std::span<const std::span<double>> weights) const;
  void rebalance(const MarketData& in, size_t t);
  void rebalance_window_method(const MarketData& in, bool has_signals);

  Config config_;
  common::RollingReturns window_;
  LongOnlyQp qp_;
  RiskParity risk_parity_;
  SignalBook signal_book_;
  double eligible_share_ = 0.0;
  Stats stats_;
  // Per-run scratch, sized once per run: nothing allocates per bar.
  std::vector<double> returns_, held_, scores_, masked_;
  std::vector<size_t> chosen_;
  std::vector<double> mean_, vol_, cov_, q_, c_, w_;
};

}  // namespace mosaic::portfolio
