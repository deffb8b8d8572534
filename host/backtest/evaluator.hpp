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

}  // namespace mosaic::host
