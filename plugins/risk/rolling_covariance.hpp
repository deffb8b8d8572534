// The sample covariance of the last `window` bars of per-asset returns, from the running
// sums of common::RollingReturns, so that the ex-ante variance of a book, w'Sigma w, costs
// O(p^2) per bar:
//
//   Sigma = (sum_k r_k r_k' - n rbar rbar') / (n - 1)       (the unbiased sample covariance)
//
// A missing return (NaN: no close at the bar or the one before) counts as 0, as for an asset
// that cannot trade. Nothing allocates after reset.
#pragma once

#include "rolling_returns.hpp"

#include <cstddef>
#include <span>

namespace mosaic::risk {

class RollingCovariance {
 public:
  void reset(size_t assets, size_t window);
  void push(std::span<const double> returns);
  size_t count() const { return window_.count(); }
  bool full() const { return window_.full(); }
  // Sigma_ij over the bars held (needs count() >= 2).
  double covariance(size_t i, size_t j) const;
  // w'Sigma w over the bars held (needs count() >= 2); never negative.
  double variance_of(std::span<const double> w) const;

 private:
  common::RollingReturns window_;
};

}  // namespace mosaic::risk
