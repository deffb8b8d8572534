// Backtester::measure: a run reduced to its metrics as it goes, for a search.
#include "host/backtest/evaluator.hpp"
#include "host/backtest/metric_sums.hpp"
#include "host/backtest/timing.hpp"

#include <cmath>

namespace mosaic::host {
namespace {

// run()'s pass over the bars with the metrics' first sums folded in, fed one period at a
// time in bar order, keeping no equity or drawdown series. The largest drawdown needs no
// division per bar: while the peak P stands, 1 - E/P is largest where E is smallest
// (division by P > 0 and 1 - x are monotone under rounding too), so one division per
// stretch under a peak gives the same value as the largest of the per-bar figures; NaN
// equity is passed over, as std::max_element passes over NaN drawdowns.
class FirstPass {
 public:
  FirstPass(const BacktestSettings& settings, double turnover_at_0)
      : cost_(cost_per_turnover(settings)), rf_(per_period_rate(settings)) {
    traded_ += turnover_at_0;
  }
  double rf() const { return rf_; }
  double cost() const { return cost_; }

  // Period t >= 1 of a fill at the close: what was earned over (t-1, t] before costs, the
  // turnover and gross of bar t-1, the turnover of bar t. Returns r(t).
  double add(double earned, double turnover_before, double gross_before, double turnover_now) {
    return add_return(earned - cost_ * turnover_before, gross_before, turnover_now);
  }

  // Period t >= 1 given its return r(t), the gross of bar t-1 and the turnover of bar t.
  double add_return(double r, double gross_before, double turnover_now) {
    e_ = e_ * (1.0 + r);
    sum_ += r;
    sum_excess_ += r - rf_;
    traded_ += turnover_now;
    gross_ += gross_before;
    count_period(active_, wins_, gross_before, r);
    if (peak_ < e_) {  // a new peak: the stretch under the old one is over
      close_stretch();
      peak_ = e_;
      low_ = e_;
    } else {
      low_ = e_ < low_ ? e_ : low_;
    }
    return r;
  }

  void finish(MetricSums& sums) {
    close_stretch();
    sums.max_drawdown = max_drawdown_;
    sums.final_equity = e_;
    sums.sum = sum_;
    sums.sum_excess = sum_excess_;
    sums.traded = traded_;
    sums.gross = gross_;
    sums.wins = wins_;
    sums.active = active_;
  }

 private:
  void close_stretch() {
    const double drawdown = 1.0 - low_ / peak_;
    max_drawdown_ = max_drawdown_ < drawdown ? drawdown : max_drawdown_;
  }

  double cost_, rf_;
  double e_ = 1.0, peak_ = 1.0, low_ = 1.0;  // equity, its running peak, the lowest since the peak
  double max_drawdown_ = 1.0 - 1.0 / 1.0;    // the drawdown at bar 0
  double sum_ = 0, sum_excess_ = 0, traded_ = 0, gross_ = 0;
  size_t wins_ = 0, active_ = 0;
};

}  // namespace

Metrics Backtester::measure(std::span<const double> decided, const BacktestSettings& settings,
                            Series& series) const {
  const size_t n = bars_;
  const std::span<const double> weights = weights_held_from(decided, settings, series.delayed);
  MetricSums sums;
  sums.bars = n;
  series.returns.resize(n);
  if (n < 2) {
    if (n == 1) series.returns[0] = 0.0;
    return metrics_from_sums(sums, settings);
  }
  series.turnover.resize(n);
  series.gross.resize(n);
  double* returns = series.returns.data();
  const double* turnover = series.turnover.data();
  const double* gross = series.gross.data();
  const bool at_open = settings.fill == Fill::NextOpen;
  if (at_open) {
    series.overnight.resize(n);
    book_open(weights, series.overnight.data(), returns, series.turnover.data(), series.gross.data(), nullptr);
  } else {
    book(weights, returns, series.turnover.data(), series.gross.data(), nullptr);
  }
  FirstPass pass(settings, turnover[0]);
  if (at_open) {
    const double* overnight = series.overnight.data();
    for (size_t t = 1; t < n; ++t)
      returns[t] = pass.add_return(open_fill_return(overnight[t], returns[t], pass.cost(), turnover[t]), gross[t - 1],
                                   turnover[t]);
  } else {
    for (size_t t = 1; t < n; ++t) returns[t] = pass.add(returns[t], turnover[t - 1], gross[t - 1], turnover[t]);
  }
  pass.finish(sums);
  deviation_sums(series.returns, pass.rf(), sums);
  return metrics_from_sums(sums, settings);
}

}  // namespace mosaic::host
