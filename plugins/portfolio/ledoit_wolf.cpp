#include "ledoit_wolf.hpp"

#include <algorithm>
#include <stdexcept>

namespace mosaic::portfolio {

Shrinkage ledoit_wolf_shrinkage(const Eigen::Ref<const Eigen::MatrixXd>& S, double n, double sum_norm4) {
  const auto p = static_cast<double>(S.rows());
  Shrinkage out;
  if (S.rows() == 0 || n <= 0) return out;
  out.target = S.trace() / p;
  const double norm_s2 = S.squaredNorm();
  // ||S - m I||^2 = ||S||^2 - 2 m tr(S) + p m^2 = ||S||^2 - p m^2.
  const double d2 = std::max(0.0, norm_s2 - p * out.target * out.target) / p;
  const double b2_bar = std::max(0.0, (sum_norm4 - n * norm_s2) / (n * n * p));
  const double b2 = std::min(b2_bar, d2);
  out.intensity = d2 > 0.0 ? b2 / d2 : 0.0;
  return out;
}

void apply_shrinkage(Eigen::Ref<Eigen::MatrixXd> S, const Shrinkage& s) {
  S *= 1.0 - s.intensity;
  S.diagonal().array() += s.intensity * s.target;
}

Eigen::MatrixXd ledoit_wolf(const Eigen::Ref<const Eigen::MatrixXd>& X, Shrinkage* info) {
  if (X.rows() < 2) throw std::invalid_argument("ledoit_wolf: needs at least 2 observations");
  const Eigen::MatrixXd centred = X.rowwise() - X.colwise().mean();
  const auto n = static_cast<double>(X.rows());
  Eigen::MatrixXd S = centred.transpose() * centred / n;
  const double sum_norm4 = centred.rowwise().squaredNorm().array().square().sum();
  const Shrinkage s = ledoit_wolf_shrinkage(S, n, sum_norm4);
  apply_shrinkage(S, s);
  if (info) *info = s;
  return S;
}

}  // namespace mosaic::portfolio
