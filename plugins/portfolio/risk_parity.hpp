// Equal-risk-contribution (risk parity) weights: long-only, summing to 1, such that every
// asset contributes the same share of portfolio variance,
//   w_i (Sigma w)_i = w'Sigma w / q   for every i.
//
// Method: cyclical coordinate descent on the convex problem
//   minimise 1/2 y'Sigma y - sum_i ln y_i   (y > 0),
// whose optimum satisfies y_i (Sigma y)_i = 1 for every i; then w = y / sum(y)
// (F. Griveau-Billion, J.-C. Richard and T. Roncalli, "A fast algorithm for computing
// high-dimensional risk parity portfolios", 2013). Each coordinate update is the positive
// root of Sigma_ii y_i^2 + b_i y_i - 1 = 0 with b_i = sum_{j != i} Sigma_ij y_j.
#pragma once

#include <span>
#include <vector>

namespace mosaic::portfolio {

struct RiskParityStatus {
  int sweeps = 0;
  bool converged = false;
  double max_relative_gap = 0.0;  // max_i |RC_i / mean(RC) - 1| at the end
};

class RiskParity {
 public:
  // Sigma: q x q column-major, symmetric positive definite, with a positive diagonal.
  // w: in, a starting point (used when every entry is positive; else 1/sqrt(Sigma_ii));
  // out, the weights. Stops when every risk contribution is within `tolerance` (relative)
  // of their mean, or after max_sweeps sweeps.
  RiskParityStatus solve(std::span<const double> Sigma, std::span<double> w, double tolerance = 1e-10,
                         int max_sweeps = 500);

 private:
  std::vector<double> sy_;  // Sigma y, kept current through the sweeps
};

// The risk contributions w_i (Sigma w)_i, for tests and checks.
void risk_contributions(std::span<const double> Sigma, std::span<const double> w, std::span<double> out);

}  // namespace mosaic::portfolio
