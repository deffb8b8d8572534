#include "rolling_returns.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::common {

void RollingReturns::reset(size_t assets, size_t window) {
  if (window == 0) throw std::invalid_argument("rolling returns: the window must hold at least one bar");
  assets_ = assets;
  window_ = window;
  head_ = count_ = since_recompute_ = 0;
  ring_.assign(window * assets, 0.0);
  sum_.assign(assets, 0.0);
  cross_.assign(assets * assets, 0.0);
  missing_.assign(assets, 0);
  new_.assign(assets, 0.0);
  old_.assign(assets, 0.0);
}

void RollingReturns::clean(const double* row, double* out) const {
  for (size_t j = 0; j < assets_; ++j) out[j] = std::isfinite(row[j]) ? row[j] : 0.0;
}

void RollingReturns::update(const double* __restrict add, const double* __restrict remove) {
  // One pass: cross += add add' - remove remove', over the full square so the inner loop is
  // a plain vectorisable sweep.
  for (size_t j = 0; j < assets_; ++j) {
    const double a = add[j], r = remove[j];
    sum_[j] += a - r;
    double* __restrict col = &cross_[j * assets_];
    for (size_t i = 0; i < assets_; ++i) col[i] += add[i] * a - remove[i] * r;
  }
}

void RollingReturns::recompute() {
  std::fill(sum_.begin(), sum_.end(), 0.0);
  std::fill(cross_.begin(), cross_.end(), 0.0);
  std::fill(missing_.begin(), missing_.end(), 0);
  for (size_t k = 0; k < count_; ++k) {
    const double* row = this->row(k);
    for (size_t j = 0; j < assets_; ++j) missing_[j] += std::isfinite(row[j]) ? 0 : 1;
    clean(row, new_.data());
    const double* __restrict x = new_.data();
    for (size_t j = 0; j < assets_; ++j) {
      sum_[j] += x[j];
      double* __restrict col = &cross_[j * assets_];
      for (size_t i = 0; i < assets_; ++i) col[i] += x[i] * x[j];
    }
  }
  since_recompute_ = 0;
}

void RollingReturns::push(std::span<const double> returns) {
  if (returns.size() != assets_) throw std::invalid_argument("rolling returns: one return per asset expected");
  double* slot = &ring_[head_ * assets_];
  if (full()) {
    for (size_t j = 0; j < assets_; ++j) missing_[j] -= std::isfinite(slot[j]) ? 0 : 1;
    clean(slot, old_.data());  // the oldest bar leaves
  } else {
    ++count_;
    std::fill(old_.begin(), old_.end(), 0.0);
  }
  std::copy(returns.begin(), returns.end(), slot);
  head_ = (head_ + 1) % window_;
  if (++since_recompute_ >= window_) {
    recompute();
    return;
  }
  for (size_t j = 0; j < assets_; ++j) missing_[j] += std::isfinite(slot[j]) ? 0 : 1;
  clean(slot, new_.data());
  update(new_.data(), old_.data());
}

}  // namespace mosaic::common
