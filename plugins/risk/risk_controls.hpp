// The risk controls applied to one bar's target weights, in this order:
//   1. volatility targeting: w <- w * min(vol_target * u / sigma, max_leverage / gross(w)), with
//      sigma the ex-ante annualised volatility of w (rolling_covariance.hpp),
//      gross(w) = sum_i |w_i| and u the share of the volatility budget the book uses:
//      min(gross(w), 1) by default (VolBasis::Invested), 1 under VolBasis::Book. So it
//      scales the book toward u * vol_target and never takes its gross exposure above
//      max_leverage by doing so. Why u: sigma scales with the book, so a target on the book
//      as it comes (u = 1) undoes any exposure decision upstream (cash, a regime's
//      de-risking); with u = min(gross, 1) the target sizes a fully invested book and a book
//      that holds back keeps holding back in proportion;
//   2. the per-asset cap: w_i <- clip(w_i, -max_weight, max_weight); what is cut is not
//      handed to other assets (the book shrinks);
//   3. the gross cap: when sum_i |w_i| > max_gross, every weight is scaled down to meet it;
//   4. the net cap: when |sum_i w_i| > max_net, every weight is scaled down to meet it;
//   5. the drawdown brake: while the module's own equity is more than dd_threshold below its
//      running peak, every weight is multiplied by dd_factor (risk_engine.hpp).
// A control whose main value is 0 is off. Every control only scales or clips, so weights of
// 0 stay 0 and no control creates a position.
#pragma once

#include <span>

namespace mosaic::risk {

// What the volatility target is the target of (control 1).
enum class VolBasis {
  Invested,  // a fully invested book (gross 1); a book with less gross uses that share of it
  Book,      // the book as it comes: its exposure is decided here alone
};

struct Controls {
  double vol_target = 0.10;     // annualised; 0 = off
  VolBasis vol_basis = VolBasis::Invested;
  int vol_lookback = 63;        // returns in the covariance window
  double max_leverage = 1.5;    // gross cap of the volatility-targeted book
  int periods_per_year = 252;   // annualisation: sigma = sqrt(periods_per_year * w'Sigma w)
  double max_weight = 0.0;      // |w_i| cap; 0 = off
  double max_gross = 0.0;       // sum |w_i| cap; 0 = off
  double max_net = 0.0;         // |sum w_i| cap; 0 = off
  double dd_threshold = 0.0;    // drawdown that engages the brake (fraction); 0 = off
  double dd_factor = 0.5;       // exposure multiplier while braked
  int var_lookback = 250;       // portfolio returns behind VaR and CVaR

  // Throws std::invalid_argument naming the first value out of range.
  void check() const;
};

// The volatility-targeting multiplier for a book with ex-ante annualised volatility `sigma`
// and gross exposure `gross`: min(target * u / sigma, max_leverage / gross), u as in
// control 1 above; 1 for an empty book.
double vol_target_scale(double sigma, double gross, double target, double max_leverage, VolBasis basis);

// Controls 2-4 in place.
void apply_caps(std::span<double> w, const Controls& c);

}  // namespace mosaic::risk
