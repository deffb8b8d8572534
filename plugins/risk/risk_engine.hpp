// The risk module over a whole run: final weights, VaR and CVaR per bar.
//
// Timing (no look-ahead). At bar t the module knows closes up to t and the target weights
// up to t. In order, at each bar t:
//   1. the return of the book held since t-1 is realised:
//        R_t = sum_i wfinal_i(t-1) r_i(t),   r_i(t) = close_i(t) / close_i(t-1) - 1
//      (a missing or non-finite r_i counts as 0: an asset without a price cannot move the book);
//   2. the module's own equity E_t = E_{t-1} (1 + R_t) (E = 1 at the start, costs ignored),
//      its running peak and drawdown D_t = 1 - E_t / max_{s <= t} E_s are updated;
//   3. VaR and CVaR at t are computed over the last var_lookback returns R (tail_risk.hpp);
//      NaN until that many exist;
//   4. the covariance window takes r(t); the volatility target uses it once vol_lookback
//      returns exist (before that the book is not scaled);
//   5. the target weights at t (NaN counts as 0: no position) pass through the controls of
//      risk_controls.hpp; the drawdown brake multiplies them by dd_factor while
//      D_t > dd_threshold, and releases as soon as D_t <= dd_threshold.
// The weights at t are therefore a function of data up to t only.
#pragma once

#include "risk_controls.hpp"
#include "rolling_covariance.hpp"
#include "tail_risk.hpp"

#include <span>
#include <vector>

namespace mosaic::risk {

struct RiskInputs {
  std::vector<std::span<const double>> close;   // one per asset
  std::vector<std::span<const double>> target;  // one per asset, same order and length
};

struct RiskOutputs {
  std::vector<std::span<double>> final_weights;  // one per asset
  std::span<double> var;                         // one per bar
  std::span<double> cvar;                        // one per bar
};

class RiskEngine {
 public:
  explicit RiskEngine(const Controls& controls);
  void run(const RiskInputs& in, const RiskOutputs& out);

  const Controls& controls() const { return controls_; }
  // From the last run: the bars where the drawdown brake was engaged, and the module's own
  // equity at the end.
  size_t braked_bars() const { return braked_bars_; }
  double final_equity() const { return equity_; }

 private:
  Controls controls_;
  RollingCovariance cov_;
  SortedWindow tail_;
  std::vector<double> returns_, held_, w_;
  size_t braked_bars_ = 0;
  double equity_ = 1.0;
};

}  // namespace mosaic::risk
