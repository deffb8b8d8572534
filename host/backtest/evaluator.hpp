// The backtest: target weights decided at bar t earn the return from t to t+1, less
// trading costs in basis points of turnover. Formulas: docs/metrics.md.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mosaic::host {

struct BacktestSettings {
  double cost_bps = 0.0;          // cost per unit of turnover, in basis points
  double risk_free_rate = 0.0;    // annual, for Sharpe and Sortino
  double periods_per_year = 252;  // bars per year, for annualising
};

// Prices and weights as column-major matrices: value(asset, bar) = data[asset * bars + bar].
struct BacktestInput {
  size_t bars = 0;
  size_t assets = 0;
  std::span<const double> close;    // NaN: no price on that bar
  std::span<const double> weights;  // decided at each bar; NaN: no decision (hold)
};

struct BacktestResult {
  size_t bars = 0, assets = 0;
  std::vector<double> held;      // the weights actually held after each bar, [asset * bars + bar]
  std::vector<double> returns;   // strategy return earned over (t-1, t]; returns[0] = 0
  std::vector<double> equity;    // starts at 1
  std::vector<double> drawdown;  // 1 - equity / running peak, >= 0
  std::vector<double> turnover;  // sum_i |held_i(t) - held_i(t-1)| traded at bar t
  std::vector<double> gross;     // sum_i |held_i(t)|
};

// Throws std::invalid_argument when the matrices do not match bars x assets.
BacktestResult run_backtest(const BacktestInput& input, const BacktestSettings& settings);

struct Metrics;  // metrics.hpp

// Backtests many weight matrices against the same prices, as a search does: what depends on
// the prices alone (each asset's move over each bar, and whether it can trade) is worked out
// once, and the result's storage is reused from run to run. run_backtest is one such run.
class Backtester {
 public:
  Backtester() = default;  // no bars, no assets
  // Throws std::invalid_argument unless close holds bars x assets prices.
  Backtester(size_t bars, size_t assets, std::span<const double> close);
  size_t bars() const { return bars_; }
  size_t assets() const { return assets_; }
  // Throws std::invalid_argument unless weights holds bars x assets values.
  void run(std::span<const double> weights, const BacktestSettings& settings, BacktestResult& out) const;

  // What measure keeps of a run: its returns (as BacktestResult::returns), and scratch.
  struct Series {
    std::vector<double> returns;
    std::vector<double> turnover, gross;  // scratch
  };
  // The metrics of a run without its equity, drawdown and held weights, for a search that
  // scores many runs: compute_metrics of run()'s result, bit for bit (tested). `series`
  // gets the run's returns; its storage is reused from call to call.
  Metrics measure(std::span<const double> weights, const BacktestSettings& settings, Series& series) const;

 private:
  // The per-asset pass: the return earned over (t-1, t] before costs, the turnover and the
  // gross exposure of every bar, and (when not null) the weights held.
  void book(std::span<const double> weights, double* earned, double* turnover, double* gross, double* held) const;

  size_t bars_ = 0, assets_ = 0;
  std::vector<double> move_;    // [asset * bars + bar]: p(t) / q(t-1) - 1 where kEarns, else 0
  std::vector<uint8_t> flags_;  // [asset * bars + bar]: kPriced, kEarns
  std::vector<uint8_t> always_priced_;  // per asset: a price on every bar
};

}  // namespace mosaic::host
