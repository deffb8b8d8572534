#include "rolling_covariance.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::risk {

void RollingCovariance::reset(size_t assets, size_t window) {
  if (window < 2) throw std::invalid_argument("rolling covariance: the window must hold at least 2 bars");
  assets_ = assets;
  window_ = window;
  head_ = count_ = since_recompute_ = 0;
  ring_.assign(window * assets, 0.0);
  sum_.assign(assets, 0.0);
  cross_.assign(assets * assets, 0.0);
  leaving_.assign(assets, 0.0);
}

void RollingCovariance::update(const double* __restrict add, const double* __restrict remove) {
  // One pass: cross += add add' - remove remove'.
  for (size_t j = 0; j < assets_; ++j) {
    const double a = add[j], r = remove[j];
    sum_[j] += a - r;
    double* __restrict col = &cross_[j * assets_];
    for (size_t i = 0; i < assets_; ++i) col[i] += add[i] * a - remove[i] * r;
  }
}

void RollingCovariance::recompute() {
  std::fill(sum_.begin(), sum_.end(), 0.0);
  std::fill(cross_.begin(), cross_.end(), 0.0);
  for (size_t k = 0; k < count_; ++k) {
    const double* __restrict row = &ring_[((head_ + window_ - count_ + k) % window_) * assets_];
    for (size_t j = 0; j < assets_; ++j) {
      sum_[j] += row[j];
      double* __restrict col = &cross_[j * assets_];
      for (size_t i = 0; i < assets_; ++i) col[i] += row[i] * row[j];
    }
  }
  since_recompute_ = 0;
}

void RollingCovariance::push(std::span<const double> returns) {
  if (returns.size() != assets_) throw std::invalid_argument("rolling covariance: one return per asset expected");
  double* slot = &ring_[head_ * assets_];
  if (full()) std::copy(slot, slot + assets_, leaving_.begin());
  else {
    ++count_;
    std::fill(leaving_.begin(), leaving_.end(), 0.0);
  }
  for (size_t i = 0; i < assets_; ++i) slot[i] = std::isfinite(returns[i]) ? returns[i] : 0.0;
  head_ = (head_ + 1) % window_;
  if (++since_recompute_ >= window_) recompute();
  else update(slot, leaving_.data());
}

double RollingCovariance::covariance(size_t i, size_t j) const {
  const auto n = static_cast<double>(count_);
  return (cross_[j * assets_ + i] - sum_[i] * sum_[j] / n) / (n - 1.0);
}

double RollingCovariance::variance_of(std::span<const double> w) const {
  const auto n = static_cast<double>(count_);
  double quad = 0.0, mean = 0.0;
  for (size_t j = 0; j < assets_; ++j) {
    if (w[j] == 0.0) continue;
    const double* col = &cross_[j * assets_];
    double s = 0.0;
    for (size_t i = 0; i < assets_; ++i) s += col[i] * w[i];
    quad += w[j] * s;
    mean += w[j] * sum_[j];
  }
  return std::max(0.0, (quad - mean * mean / n) / (n - 1.0));
}

}  // namespace mosaic::risk
