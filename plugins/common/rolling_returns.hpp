// The last `window` bars of per-asset returns, with running sums that give the mean and
// covariance of any set of assets whose returns are complete over the window in O(q^2),
// without rescanning the window.
//
// A missing return (NaN) counts as 0 in the sums and is counted per asset; an asset is
// complete when the window is full and it has no missing return in it. The sums are
// recomputed exactly from the stored window every `window` pushes, so rounding from the
// add-and-subtract updates cannot build up over a long series. Nothing allocates after reset.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::common {

class RollingReturns {
 public:
  void reset(size_t assets, size_t window);
  // One bar: a return per asset, NaN when missing.
  void push(std::span<const double> returns);

  size_t assets() const { return assets_; }
  size_t window() const { return window_; }
  size_t count() const { return count_; }
  bool full() const { return count_ == window_; }
  bool complete(size_t asset) const { return full() && missing_[asset] == 0; }

  double sum(size_t i) const { return sum_[i]; }
  double cross(size_t i, size_t j) const { return cross_[j * assets_ + i]; }
  // The k-th return held, k = 0 the oldest, for k < count().
  double at(size_t k, size_t asset) const { return row(k)[asset]; }
  // The k-th bar held (k = 0 the oldest): one return per asset.
  const double* row(size_t k) const { return &ring_[((start() + k) % window_) * assets_]; }

 private:
  size_t start() const { return (head_ + window_ - count_) % window_; }
  void clean(const double* row, double* out) const;  // NaN -> 0
  void update(const double* add, const double* remove);
  void recompute();

  size_t assets_ = 0, window_ = 0, head_ = 0, count_ = 0, since_recompute_ = 0;
  std::vector<double> ring_;        // window x assets, row per bar, NaN kept as given
  std::vector<double> sum_;         // per asset
  std::vector<double> cross_;       // assets x assets, symmetric
  std::vector<size_t> missing_;     // per asset, missing returns in the window
  std::vector<double> new_, old_;   // the rows entering and leaving, NaN as 0
};

}  // namespace mosaic::common
