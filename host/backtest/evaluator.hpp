// The backtest: target weights decided at bar t are traded `delay` bars later, at that bar's
// close or at the next bar's open, and earn the returns from then on, less trading costs in
// basis points of turnover. Formulas: docs/metrics.md.
#pragma once

#include "host/backtest/fill.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mosaic::host {

struct BacktestSettings {
  double cost_bps = 0.0;          // commission per unit of turnover, in basis points
  double risk_free_rate = 0.0;    // annual, for Sharpe and Sortino
  double periods_per_year = 252;  // bars per year, for annualising
  double slippage_bps = 0.0;      // slippage per unit of turnover, in basis points, charged as cost_bps is
  size_t delay = 0;               // bars from a decision to its fill bar
  Fill fill = Fill::Close;        // the fill bar's close, or the open of the bar after it
};

// Prices and weights as column-major matrices: value(asset, bar) = data[asset * bars + bar].
struct BacktestInput {
  size_t bars = 0;
  size_t assets = 0;
  std::span<const double> close;    // NaN: no price on that bar
  std::span<const double> weights;  // decided at each bar; NaN: no decision (hold)
  std::span<const double> open{};   // needed by Fill::NextOpen only; NaN: no price
};

struct BacktestResult {
  size_t bars = 0, assets = 0;
  std::vector<double> held;      // the weights actually held at each bar's close, [asset * bars + bar]
  std::vector<double> returns;   // strategy return earned over (t-1, t]; returns[0] = 0
  std::vector<double> equity;    // starts at 1
  std::vector<double> drawdown;  // 1 - equity / running peak, >= 0
  std::vector<double> turnover;  // sum_i |held_i(t) - held_i(t-1)|, traded at bar t (its close or open)
  std::vector<double> gross;     // sum_i |held_i(t)|
};

// Throws std::invalid_argument when the matrices do not match bars x assets, or when
// settings.fill is NextOpen and there are no opens.
BacktestResult run_backtest(const BacktestInput& input, const BacktestSettings& settings);

struct Metrics;  // metrics.hpp

// Backtests many weight matrices against the same prices, as a search does: what depends on
// the prices alone (each asset's move over each bar, and whether it can trade) is worked out
// once, and the result's storage is reused from run to run. run_backtest is one such run.
class Backtester {
 public:
  Backtester() = default;  // no bars, no assets
  // Throws std::invalid_argument unless close (and open, when given) holds bars x assets
  // prices. Without opens, runs can only fill at the close.
  Backtester(size_t bars, size_t assets, std::span<const double> close, std::span<const double> open = {});
  size_t bars() const { return bars_; }
  size_t assets() const { return assets_; }
  bool has_open() const { return has_open_; }
  // Throws std::invalid_argument unless weights holds bars x assets values, or for
  // Fill::NextOpen without opens.
  void run(std::span<const double> weights, const BacktestSettings& settings, BacktestResult& out) const;

  // What measure keeps of a run: its returns (as BacktestResult::returns), and scratch.
  struct Series {
    std::vector<double> returns;
    std::vector<double> turnover, gross;  // scratch
    std::vector<double> overnight;        // scratch for Fill::NextOpen
    std::vector<double> delayed;          // scratch: the weights moved to their fill bars
  };
  // The metrics of a run without its equity, drawdown and held weights, for a search that
  // scores many runs: compute_metrics of run()'s result, bit for bit (tested). `series`
  // gets the run's returns; its storage is reused from call to call.
  Metrics measure(std::span<const double> weights, const BacktestSettings& settings, Series& series) const;

  // Up to kLanes runs measured together, for a fill at the close: each run's metrics and
  // returns are measure()'s bit for bit (tested), while the runs' dependency chains (the
  // equity product, the sums in bar order) advance side by side in the lanes of one vector
  // register instead of one run waiting on its own chain. The runs' returns land in
  // `lanes.returns`, [bar * kLanes + lane] (bar 0 unused). Throws as measure does, and
  // std::invalid_argument for a fill at the open or more than kLanes runs.
  static constexpr size_t kLanes = 4;
  struct LaneSeries {
    std::vector<double> returns;
    std::vector<double> earned[kLanes], turnover[kLanes], gross[kLanes], delayed[kLanes];  // scratch
  };
  void measure_lanes(std::span<const std::span<const double>> weights, const BacktestSettings& settings,
                     LaneSeries& lanes, Metrics* metrics) const;

 private:
  // The per-asset pass: the return earned over (t-1, t] before costs, the turnover and the
  // gross exposure of every bar, and (when not null) the weights held.
  void book(std::span<const double> weights, double* earned, double* turnover, double* gross, double* held) const;
  // The same for a fill at the open (open_fill.cpp): what the weight held since the last
  // open earned from the close before to this open, and what the weight held from this open
  // earned to this close, each before costs.
  void book_open(std::span<const double> weights, double* overnight, double* intraday, double* turnover,
                 double* gross, double* held) const;
  void mark_opens(std::span<const double> open, std::span<const double> close);  // open_fill.cpp
  // run() for Fill::NextOpen, on the weights moved to the bars that hold them (open_fill.cpp).
  void run_open(std::span<const double> weights, const BacktestSettings& settings, BacktestResult& r) const;
  // The decided weights, or (for a delay or an open fill) their copy in `scratch` moved to
  // the bars whose close holds them; checks their size and the opens.
  // Whether asset a trades on every bar at the weight decided there: priced on every bar
  // and a finite decision on every bar of `weights` (book's independent-bar rule).
  bool decides_every_bar(std::span<const double> weights, size_t a) const;
  std::span<const double> weights_held_from(std::span<const double> weights, const BacktestSettings& settings,
                                            std::vector<double>& scratch) const;

  size_t bars_ = 0, assets_ = 0;
  std::vector<double> move_;    // [asset * bars + bar]: p(t) / q(t-1) - 1 where kEarns, else 0
  std::vector<uint8_t> flags_;  // [asset * bars + bar]: kPriced, kEarns
  std::vector<uint8_t> always_priced_;  // per asset: a price on every bar
  // With opens (open_fill.cpp), [asset * bars + bar]: the move from the last price before
  // the open of t to it, the move from the last price at or before the open of t to the
  // close of t, and kPriced (at the open), kGapEarns, kDayEarns.
  bool has_open_ = false;
  std::vector<double> gap_, day_;
  std::vector<uint8_t> open_flags_;
};

}  // namespace mosaic::host
