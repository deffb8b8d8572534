#include "long_only_qp.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace mosaic::portfolio {

bool LongOnlyQp::free_step(std::span<const double> Q, size_t q, bool budget_active) {
  const size_t f = free_.size();
  h_.resize(f * f);
  u_.resize(f);
  v_.resize(f);
  for (size_t b = 0; b < f; ++b) {
    for (size_t a = 0; a < f; ++a) h_[b * f + a] = Q[free_[b] * q + free_[a]];
    u_[b] = grad_[free_[b]];
    v_[b] = 1.0;
  }
  Eigen::Map<Eigen::MatrixXd> H(h_.data(), static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(f));
  Eigen::Ref<Eigen::MatrixXd> h_ref(H);
  const Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(h_ref);  // factorises h_ in place
  if (llt.info() != Eigen::Success) return false;
  Eigen::Map<Eigen::VectorXd> u(u_.data(), static_cast<Eigen::Index>(f));
  Eigen::Map<Eigen::VectorXd> v(v_.data(), static_cast<Eigen::Index>(f));
  llt.solveInPlace(u);  // u = H^-1 g
  std::fill(step_.begin(), step_.end(), 0.0);
  if (budget_active) {
    // min 1/2 p'Hp + g'p  s.t.  1'p = 0:   p = H^-1 (nu 1 - g),  nu = 1'H^-1 g / 1'H^-1 1.
    llt.solveInPlace(v);
    const double nu = u.sum() / v.sum();
    for (size_t k = 0; k < f; ++k) step_[free_[k]] = nu * v_[k] - u_[k];
  } else {
    for (size_t k = 0; k < f; ++k) step_[free_[k]] = -u_[k];
  }
  return true;
}

QpStatus LongOnlyQp::solve(std::span<const double> Q, std::span<const double> c, Budget budget, std::span<double> w,
                           int max_iterations) {
  const size_t q = w.size();
  if (Q.size() != q * q || c.size() != q)
    throw std::invalid_argument("long-only QP: Q must be " + std::to_string(q) + "x" + std::to_string(q) +
                                " and c must have " + std::to_string(q) + " values");
  QpStatus status;
  if (q == 0) {
    status.converged = true;
    return status;
  }
  if (max_iterations <= 0) max_iterations = 20 * (static_cast<int>(q) + 5);
  grad_.resize(q);
  step_.resize(q);
  at_zero_.resize(q);

  // A feasible start.
  double sum = 0.0;
  for (auto& x : w) {
    x = std::isfinite(x) && x > 0.0 ? x : 0.0;
    sum += x;
  }
  const bool fully = budget == Budget::FullyInvested;
  if (fully && sum <= 0.0) {
    std::fill(w.begin(), w.end(), 1.0 / static_cast<double>(q));
  } else if (fully || sum > 1.0) {
    for (auto& x : w) x /= sum;
  }
  bool budget_active = fully || sum >= 1.0;
  for (size_t i = 0; i < q; ++i) at_zero_[i] = w[i] == 0.0 ? 1 : 0;

  // Tolerances relative to the problem's scale.
  double scale = 0.0;
  for (size_t i = 0; i < q; ++i) scale = std::max({scale, std::fabs(Q[i * q + i]), std::fabs(c[i])});
  const double multiplier_tol = 1e-12 * std::max(scale, std::numeric_limits<double>::min());
  const double step_tol = 1e-13;

  for (status.iterations = 0; status.iterations < max_iterations; ++status.iterations) {
    // g = Qw - c
    for (size_t i = 0; i < q; ++i) {
      double g = -c[i];
      for (size_t j = 0; j < q; ++j) g += Q[j * q + i] * w[j];
      grad_[i] = g;
    }
    free_.clear();
    for (size_t i = 0; i < q; ++i)
      if (!at_zero_[i]) free_.push_back(i);

    double step_size = 0.0;
    if (free_.empty()) {
      std::fill(step_.begin(), step_.end(), 0.0);
    } else {
      if (!free_step(Q, q, budget_active))
        throw std::invalid_argument("long-only QP: Q is not positive definite");
      for (size_t i : free_) step_size = std::max(step_size, std::fabs(step_[i]));
    }

    if (step_size <= step_tol) {
      // Stationary on the working set: check the multipliers. For a free weight the
      // gradient equals -lambda_budget; for a weight held at zero lambda_i = g_i + lambda_budget.
      double lambda_budget = 0.0;
      if (budget_active && !free_.empty()) {
        for (size_t i : free_) lambda_budget -= grad_[i];
        lambda_budget /= static_cast<double>(free_.size());
      }
      double most_negative = -multiplier_tol;
      size_t drop = q;  // q: nothing to drop; q + 1: the budget
      for (size_t i = 0; i < q; ++i) {
        if (!at_zero_[i]) continue;
        const double lambda = grad_[i] + (budget_active ? lambda_budget : 0.0);
        if (lambda < most_negative) {
          most_negative = lambda;
          drop = i;
        }
      }
      if (!fully && budget_active && lambda_budget < most_negative) drop = q + 1;
      if (drop == q) {
        status.converged = true;
        return status;
      }
      if (drop == q + 1) budget_active = false;
      else at_zero_[drop] = 0;
      continue;
    }

    // Step toward the working set's optimum until a bound or the budget blocks.
    double alpha = 1.0;
    size_t blocking = q;  // q: none; q + 1: the budget
    for (size_t i : free_) {
      if (step_[i] < 0.0) {
        const double a = -w[i] / step_[i];
        if (a < alpha) {
          alpha = a;
          blocking = i;
        }
      }
    }
    if (!budget_active) {
      double w_sum = 0.0, step_sum = 0.0;
      for (size_t i = 0; i < q; ++i) {
        w_sum += w[i];
        step_sum += step_[i];
      }
      if (step_sum > 0.0) {
        const double a = std::max(0.0, (1.0 - w_sum) / step_sum);
        if (a < alpha) {
          alpha = a;
          blocking = q + 1;
        }
      }
    }
    for (size_t i : free_) w[i] = std::max(0.0, w[i] + alpha * step_[i]);
    if (blocking < q) {
      w[blocking] = 0.0;
      at_zero_[blocking] = 1;
    } else if (blocking == q + 1) {
      budget_active = true;
    }
    if (budget_active) {
      // Keep the budget exact despite rounding.
      double w_sum = 0.0;
      for (double x : w) w_sum += x;
      if (w_sum > 0.0)
        for (auto& x : w) x /= w_sum;
    }
  }
  return status;
}

}  // namespace mosaic::portfolio
