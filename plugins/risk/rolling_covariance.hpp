// The sample covariance of the last `window` bars of per-asset returns, kept as running sums
// so that the ex-ante variance of a book, w'Sigma w, costs O(p^2) per bar.
//
//   Sigma = (sum_k r_k r_k' - n rbar rbar') / (n - 1)       (the unbiased sample covariance)
//
// A missing return (NaN: no close at the bar or the one before) counts as 0, as for an asset
// that cannot trade. The sums are recomputed exactly from the stored window every `window`
// pushes, so add-and-subtract rounding cannot build up. Nothing allocates after reset.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::risk {

class RollingCovariance {
 public:
  void reset(size_t assets, size_t window);
  void push(std::span<const double> returns);
  size_t count() const { return count_; }
  bool full() const { return count_ == window_; }
  // Sigma_ij over the bars held (needs count() >= 2).
  double covariance(size_t i, size_t j) const;
  // w'Sigma w over the bars held (needs count() >= 2); never negative.
  double variance_of(std::span<const double> w) const;

 private:
  void update(const double* add, const double* remove);
  void recompute();

  size_t assets_ = 0, window_ = 0, head_ = 0, count_ = 0, since_recompute_ = 0;
  std::vector<double> ring_;   // window x assets, NaN already replaced by 0
  std::vector<double> sum_;    // per asset
  std::vector<double> cross_;  // assets x assets, full symmetric
  std::vector<double> leaving_;  // the row leaving the window
};

}  // namespace mosaic::risk
