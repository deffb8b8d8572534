// Ledoit-Wolf shrinkage of a sample covariance matrix toward the scaled identity
// (O. Ledoit and M. Wolf, "A well-conditioned estimator for large-dimensional covariance
// matrices", Journal of Multivariate Analysis 88, 2004).
//
// With n observations x_k (rows, centred by the sample mean) of p variables:
//   S    = (1/n) sum_k x_k x_k'                  sample covariance (1/n, as in the paper)
//   m    = tr(S) / p                             the target is m I
//   d2   = ||S - m I||^2 / p                     ||A||^2 = tr(A A'), the paper's norm times p
//   b2   = min(d2, (1/n^2) sum_k ||x_k x_k' - S||^2 / p)
//        = min(d2, (sum_k ||x_k||^4 - n ||S||^2) / (n^2 p))
//   delta = b2 / d2   (0 when d2 = 0: S is already a multiple of I)
//   Sigma = delta m I + (1 - delta) S
// The second form of b2 follows from sum_k x_k x_k' = n S; it needs only the squared norms
// of the observations, so a rolling window can supply S from running sums.
#pragma once

#include <Eigen/Core>

namespace mosaic::portfolio {

struct Shrinkage {
  double intensity = 0.0;  // delta in [0, 1]
  double target = 0.0;     // m = tr(S) / p
};

// The shrinkage of a centred 1/n sample covariance S of n observations whose squared
// norms ||x_k||^2, squared and summed, give `sum_norm4`.
Shrinkage ledoit_wolf_shrinkage(const Eigen::Ref<const Eigen::MatrixXd>& S, double n, double sum_norm4);

// S <- delta m I + (1 - delta) S.
void apply_shrinkage(Eigen::Ref<Eigen::MatrixXd> S, const Shrinkage& s);

// The shrunk covariance of the rows of X (n x p, n >= 2), centred here. Allocates; the
// module uses the two functions above on preallocated storage.
Eigen::MatrixXd ledoit_wolf(const Eigen::Ref<const Eigen::MatrixXd>& X, Shrinkage* info = nullptr);

}  // namespace mosaic::portfolio
