#include "risk_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace mosaic::risk {

RiskEngine::RiskEngine(const Controls& controls) : controls_(controls) { controls_.check(); }

void RiskEngine::run(const RiskInputs& in, const RiskOutputs& out) {
  const size_t p = in.close.size();
  if (in.target.size() != p || out.final_weights.size() != p)
    throw std::invalid_argument("risk: close, target and final weights need one column per asset");
  const size_t n = p == 0 ? out.var.size() : in.close[0].size();
  for (size_t a = 0; a < p; ++a)
    if (in.close[a].size() != n || in.target[a].size() != n || out.final_weights[a].size() != n)
      throw std::invalid_argument("risk: every column must have the same length");
  if (out.var.size() != n || out.cvar.size() != n) throw std::invalid_argument("risk: VaR and CVaR need one value per bar");

  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const Controls& c = controls_;
  cov_.reset(p, static_cast<size_t>(c.vol_lookback));
  tail_.reset(static_cast<size_t>(c.var_lookback));
  returns_.assign(p, 0.0);
  held_.assign(p, 0.0);
  w_.assign(p, 0.0);
  braked_bars_ = 0;
  equity_ = 1.0;
  double peak = 1.0;
  const double annualise = static_cast<double>(c.periods_per_year);

  for (size_t t = 0; t < n; ++t) {
    if (t > 0) {
      double R = 0.0;
      for (size_t a = 0; a < p; ++a) {
        const double r = in.close[a][t] / in.close[a][t - 1] - 1.0;
        returns_[a] = std::isfinite(r) ? r : 0.0;
        R += held_[a] * returns_[a];
      }
      equity_ *= 1.0 + R;
      peak = std::max(peak, equity_);
      tail_.push(R);
      cov_.push(returns_);
    }
    if (tail_.full()) {
      const TailRisk tr = tail_.tail_risk();
      out.var[t] = tr.var;
      out.cvar[t] = tr.cvar;
    } else {
      out.var[t] = nan;
      out.cvar[t] = nan;
    }

    for (size_t a = 0; a < p; ++a) {
      const double x = in.target[a][t];
      w_[a] = std::isfinite(x) ? x : 0.0;
    }
    if (c.vol_target > 0.0 && cov_.full()) {
      double gross = 0.0;
      for (double x : w_) gross += std::fabs(x);
      const double sigma = std::sqrt(annualise * cov_.variance_of(w_));
      const double k = vol_target_scale(sigma, gross, c.vol_target, c.max_leverage, c.vol_basis);
      for (auto& x : w_) x *= k;
    }
    apply_caps(w_, c);
    const double drawdown = 1.0 - equity_ / peak;
    if (c.dd_threshold > 0.0 && drawdown > c.dd_threshold) {
      ++braked_bars_;
      for (auto& x : w_) x *= c.dd_factor;
    }
    for (size_t a = 0; a < p; ++a) {
      out.final_weights[a][t] = w_[a];
      held_[a] = w_[a];
    }
  }
}

}  // namespace mosaic::risk
