// Historical one-day value at risk and expected shortfall at 95%, as loss fractions
// (positive = a loss).
//
// Over L portfolio returns, let the losses l = -R be sorted ascending, l_(1) <= ... <= l_(L),
// and k = ceil(0.95 L). Then
//   VaR_95  = l_(k)                              the loss not exceeded on 95% of the days
//   CVaR_95 = mean(l_(k), l_(k+1), ..., l_(L))   the mean of that loss and every worse one
// so CVaR >= VaR, and both average m = L - k + 1 observations at most (13 of 250). A window
// with no losses gives a negative VaR (the smallest gain); it is not clipped at 0.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::risk {

struct TailRisk {
  double var = 0.0;
  double cvar = 0.0;
};

// k = ceil(0.95 L) in exact integer arithmetic; the tail holds L - k + 1 observations.
size_t tail_count(size_t L);

// Directly, by sorting a copy (for tests and self-tests).
TailRisk historical_tail_risk(std::span<const double> returns);

// The last `window` returns kept sorted, so each bar costs a binary search and a shift of
// at most `window` values instead of a sort. Nothing allocates after reset.
class SortedWindow {
 public:
  void reset(size_t window);
  void push(double r);
  bool full() const { return count_ == window_; }
  size_t count() const { return count_; }
  // VaR and CVaR of the returns held (needs count() > 0).
  TailRisk tail_risk() const;

 private:
  size_t window_ = 0, head_ = 0, count_ = 0;
  std::vector<double> ring_;    // arrival order, to know which value leaves
  std::vector<double> sorted_;  // the same values, ascending
};

}  // namespace mosaic::risk
