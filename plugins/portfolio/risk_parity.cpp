#include "risk_parity.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::portfolio {

void risk_contributions(std::span<const double> Sigma, std::span<const double> w, std::span<double> out) {
  const size_t q = w.size();
  for (size_t i = 0; i < q; ++i) {
    double s = 0.0;
    for (size_t j = 0; j < q; ++j) s += Sigma[j * q + i] * w[j];
    out[i] = w[i] * s;
  }
}

RiskParityStatus RiskParity::solve(std::span<const double> Sigma, std::span<double> w, double tolerance,
                                   int max_sweeps) {
  const size_t q = w.size();
  if (Sigma.size() != q * q) throw std::invalid_argument("risk parity: Sigma must be q x q");
  RiskParityStatus status;
  if (q == 0) {
    status.converged = true;
    return status;
  }
  for (size_t i = 0; i < q; ++i)
    if (!(Sigma[i * q + i] > 0.0)) throw std::invalid_argument("risk parity: every variance must be positive");

  bool warm = true;
  for (double x : w) warm = warm && std::isfinite(x) && x > 0.0;
  if (!warm)
    for (size_t i = 0; i < q; ++i) w[i] = 1.0 / std::sqrt(Sigma[i * q + i]);
  // Scale the start so that y'Sigma y = q, where the optimum lies (sum_i y_i (Sigma y)_i = q).
  sy_.assign(q, 0.0);
  double var = 0.0;
  for (size_t i = 0; i < q; ++i) {
    for (size_t j = 0; j < q; ++j) sy_[i] += Sigma[j * q + i] * w[j];
    var += w[i] * sy_[i];
  }
  const double k = std::sqrt(static_cast<double>(q) / var);
  for (size_t i = 0; i < q; ++i) {
    w[i] *= k;
    sy_[i] *= k;
  }

  for (status.sweeps = 1; status.sweeps <= max_sweeps; ++status.sweeps) {
    for (size_t i = 0; i < q; ++i) {
      const double a = Sigma[i * q + i];
      const double b = sy_[i] - a * w[i];
      const double y = (-b + std::sqrt(b * b + 4.0 * a)) / (2.0 * a);
      const double dy = y - w[i];
      if (dy != 0.0) {
        for (size_t j = 0; j < q; ++j) sy_[j] += Sigma[i * q + j] * dy;
        w[i] = y;
      }
    }
    // At the optimum every y_i (Sigma y)_i is 1.
    double mean = 0.0;
    for (size_t i = 0; i < q; ++i) mean += w[i] * sy_[i];
    mean /= static_cast<double>(q);
    double gap = 0.0;
    for (size_t i = 0; i < q; ++i) gap = std::max(gap, std::fabs(w[i] * sy_[i] / mean - 1.0));
    status.max_relative_gap = gap;
    if (gap <= tolerance) {
      status.converged = true;
      break;
    }
  }
  if (status.sweeps > max_sweeps) status.sweeps = max_sweeps;
  double sum = 0.0;
  for (double x : w) sum += x;
  for (auto& x : w) x /= sum;
  return status;
}

}  // namespace mosaic::portfolio
