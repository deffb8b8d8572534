#include "portfolio_builder.hpp"

#include "allocation.hpp"
#include "ledoit_wolf.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace mosaic::portfolio {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void require(bool ok, const std::string& message) {
  if (!ok) throw std::invalid_argument(message);
}

}  // namespace

std::optional<Method> parse_method(std::string_view name) {
  for (size_t i = 0; i < std::size(kMethodNames); ++i)
    if (kMethodNames[i] == name) return static_cast<Method>(i);
  return std::nullopt;
}

void Config::check() const {
  require(lookback >= 2, "lookback must be >= 2 (got " + std::to_string(lookback) + ")");
  require(rebalance >= 1, "rebalance must be >= 1 (got " + std::to_string(rebalance) + ")");
  require(risk_aversion > 0.0 && std::isfinite(risk_aversion), "risk_aversion must be > 0");
  require(regime_k >= 0.0 && regime_k <= 1.0, "regime_k must be in [0, 1]");
  require(periods_per_year >= 1, "periods_per_year must be >= 1");
}

PortfolioBuilder::PortfolioBuilder(const Config& config) : config_(config) { config_.check(); }

bool PortfolioBuilder::uses_window() const {
  return config_.method != Method::SignalProportional && config_.method != Method::EqualWeightPositive;
}

void PortfolioBuilder::check_inputs(const MarketData& in, std::span<const std::span<double>> weights) const {
  const size_t p = in.close.size();
  if (weights.size() != p) throw std::invalid_argument("portfolio: one weight column per asset expected");
  const size_t n = p == 0 ? 0 : in.close[0].size();
  auto same_length = [&](std::span<const double> s) { return s.size() == n; };
  for (size_t a = 0; a < p; ++a)
    if (!same_length(in.close[a]) || weights[a].size() != n)
      throw std::invalid_argument("portfolio: every column must have the same length");
  for (const auto& s : in.signals) {
    bool ok = s.columns.size() == p;
    for (auto c : s.columns) ok = ok && same_length(c);
    if (!ok) throw std::invalid_argument("portfolio: signal '" + s.name + "' needs one column per asset, of the run's length");
  }
  if (!in.p_high_vol.empty() && !same_length(in.p_high_vol))
    throw std::invalid_argument("portfolio: regime.p_high_vol has the wrong length");
}

void PortfolioBuilder::run(const MarketData& in, std::span<const std::span<double>> weights) {
  if (uses_window()) {
    run_bar_by_bar(in, weights);
    return;
  }
  check_inputs(in, weights);
  const SignalBook::Result r = signal_book_.run(config_, in, weights);
  stats_ = {};
  stats_.rebalances = r.rebalances;
  eligible_share_ = r.eligible_share;
}

void PortfolioBuilder::run_bar_by_bar(const MarketData& in, std::span<const std::span<double>> weights) {
  check_inputs(in, weights);
  const size_t p = in.close.size();
  const size_t n = p == 0 ? 0 : in.close[0].size();
  stats_ = {};
  eligible_share_ = 0.0;
  returns_.assign(p, kNaN);
  held_.assign(p, 0.0);
  scores_.assign(p, kNaN);
  masked_.assign(p, kNaN);
  chosen_.reserve(p);
  for (auto* v : {&mean_, &vol_, &c_, &w_}) v->reserve(p);
  for (auto* v : {&cov_, &q_}) v->reserve(p * p);
  const bool window = uses_window();
  if (window) window_.reset(p, static_cast<size_t>(config_.lookback));

  const auto interval = static_cast<size_t>(config_.rebalance);
  for (size_t t = 0; t < n; ++t) {
    if (window) {
      for (size_t a = 0; a < p; ++a) {
        const double now = in.close[a][t];
        const double before = t > 0 ? in.close[a][t - 1] : kNaN;
        const bool ok = std::isfinite(now) && std::isfinite(before) && before != 0.0;
        returns_[a] = ok ? now / before - 1.0 : kNaN;
      }
      window_.push(returns_);
    }
    if (t % interval == 0) rebalance(in, t);

    double scale = 1.0;
    if (!in.p_high_vol.empty() && std::isfinite(in.p_high_vol[t]))
      scale = 1.0 - config_.regime_k * std::clamp(in.p_high_vol[t], 0.0, 1.0);
    for (size_t a = 0; a < p; ++a) weights[a][t] = held_[a] * scale;
  }
}

void PortfolioBuilder::rebalance(const MarketData& in, size_t t) {
  ++stats_.rebalances;
  const size_t p = in.close.size();
  bool has_signals = false;
  for (const auto& s : in.signals) has_signals = has_signals || s.weight > 0.0;
  for (size_t a = 0; a < p; ++a) scores_[a] = has_signals ? blend_at(in.signals, a, t) : kNaN;

  if (uses_window()) {
    rebalance_window_method(in, has_signals);
    return;
  }
  // Signal methods: an asset needs a close and a score at t. Without any signal input,
  // equal weight spreads over every asset with a close, and signal-proportional is flat.
  size_t eligible = 0;
  for (size_t a = 0; a < p; ++a) {
    const bool priced = std::isfinite(in.close[a][t]);
    masked_[a] = !priced ? kNaN : (has_signals ? scores_[a] : (config_.method == Method::EqualWeightPositive ? 1.0 : kNaN));
    eligible += std::isfinite(masked_[a]) ? 1 : 0;
  }
  if (config_.method == Method::SignalProportional) signal_proportional(masked_, config_.long_only, held_);
  else equal_weight_positive(masked_, config_.long_only || !has_signals, held_);
  eligible_share_ = p == 0 ? 0.0 : static_cast<double>(eligible) / static_cast<double>(p);
}

void PortfolioBuilder::rebalance_window_method(const MarketData& in, bool has_signals) {
  const size_t p = in.close.size();
  const auto L = static_cast<double>(window_.window());

  // Eligible assets: a complete window with some variance, and the signal conditions.
  chosen_.clear();
  mean_.clear();
  vol_.clear();
  for (size_t a = 0; a < p; ++a) {
    if (!window_.complete(a)) continue;
    const double m = window_.sum(a) / L;
    const double var = window_.cross(a, a) / L - m * m;
    if (!(var > 0.0)) continue;
    if (has_signals) {
      const double s = scores_[a];
      if (config_.signal_filter && !(s > 0.0)) continue;
      if (config_.method == Method::MeanVariance && !std::isfinite(s)) continue;
    }
    chosen_.push_back(a);
    mean_.push_back(m);
    vol_.push_back(std::sqrt(var));
  }
  const size_t q = chosen_.size();
  eligible_share_ = p == 0 ? 0.0 : static_cast<double>(q) / static_cast<double>(p);

  // The solvers warm-start from the weights held, restricted to the eligible assets.
  w_.resize(q);
  for (size_t k = 0; k < q; ++k) w_[k] = held_[chosen_[k]];
  std::fill(held_.begin(), held_.end(), 0.0);
  if (q == 0) return;

  if (config_.method == Method::InverseVolatility) {
    inverse_volatility(vol_, w_);
  } else {
    // The 1/n sample covariance from the running sums, then Ledoit-Wolf shrinkage.
    cov_.resize(q * q);
    for (size_t b = 0; b < q; ++b)
      for (size_t a = 0; a <= b; ++a) {
        const double s = window_.cross(chosen_[a], chosen_[b]) / L - mean_[a] * mean_[b];
        cov_[b * q + a] = s;
        cov_[a * q + b] = s;
      }
    double sum_norm4 = 0.0;
    for (size_t k = 0; k < window_.count(); ++k) {
      const double* row = window_.row(k);
      double norm2 = 0.0;
      for (size_t a = 0; a < q; ++a) {
        const double x = row[chosen_[a]] - mean_[a];
        norm2 += x * x;
      }
      sum_norm4 += norm2 * norm2;
    }
    const auto qi = static_cast<Eigen::Index>(q);
    Eigen::Map<Eigen::MatrixXd> S(cov_.data(), qi, qi);
    apply_shrinkage(S, ledoit_wolf_shrinkage(S, L, sum_norm4));

    if (config_.method == Method::RiskParity) {
      const RiskParityStatus st = risk_parity_.solve(cov_, w_);
      stats_.solver_iterations += static_cast<size_t>(st.sweeps);
      stats_.unconverged += st.converged ? 0 : 1;
    } else {
      c_.assign(q, 0.0);
      Budget budget = Budget::FullyInvested;
      std::span<const double> Q = cov_;
      if (config_.method == Method::MeanVariance) {
        // Annualised: Sigma_ann = ppy Sigma. Expected returns: the blended score read as an
        // annual Sharpe ratio, mu_i = s_i sigma_i,ann; without signals, the sample mean.
        const auto ppy = static_cast<double>(config_.periods_per_year);
        q_.resize(q * q);
        for (size_t k = 0; k < q * q; ++k) q_[k] = config_.risk_aversion * ppy * cov_[k];
        for (size_t k = 0; k < q; ++k)
          c_[k] = has_signals ? scores_[chosen_[k]] * vol_[k] * std::sqrt(ppy) : ppy * mean_[k];
        budget = Budget::AtMostOne;
        Q = q_;
      }
      const QpStatus st = qp_.solve(Q, c_, budget, w_);
      stats_.solver_iterations += static_cast<size_t>(st.iterations);
      stats_.unconverged += st.converged ? 0 : 1;
    }
  }
  for (size_t k = 0; k < q; ++k) held_[chosen_[k]] = w_[k];
}

}  // namespace mosaic::portfolio
