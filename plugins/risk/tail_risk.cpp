#include "tail_risk.hpp"

#include <algorithm>
#include <stdexcept>

namespace mosaic::risk {
namespace {

// From returns sorted ascending: the m worst returns are the first m.
TailRisk from_sorted(std::span<const double> ascending) {
  const size_t m = tail_count(ascending.size());
  TailRisk out;
  out.var = -ascending[m - 1];
  double sum = 0.0;
  for (size_t i = 0; i < m; ++i) sum += ascending[i];
  out.cvar = -sum / static_cast<double>(m);
  return out;
}

}  // namespace

size_t tail_count(size_t L) {
  const size_t k = (95 * L + 99) / 100;  // ceil(0.95 L)
  return L - k + 1;
}

TailRisk historical_tail_risk(std::span<const double> returns) {
  if (returns.empty()) throw std::invalid_argument("tail risk: no returns");
  std::vector<double> sorted(returns.begin(), returns.end());
  std::sort(sorted.begin(), sorted.end());
  return from_sorted(sorted);
}

void SortedWindow::reset(size_t window) {
  if (window == 0) throw std::invalid_argument("sorted window: the window must hold at least one value");
  window_ = window;
  head_ = count_ = 0;
  ring_.assign(window, 0.0);
  sorted_.clear();
  sorted_.reserve(window);
}

void SortedWindow::push(double r) {
  if (!full()) {
    ++count_;
    sorted_.insert(std::upper_bound(sorted_.begin(), sorted_.end(), r), r);
  } else {
    // Replace the leaving value by the new one and shift only the values between the two
    // positions: one short move instead of an erase and an insert across the whole window.
    const auto first = sorted_.begin(), last = sorted_.end();
    const auto out = std::lower_bound(first, last, ring_[head_]);
    auto in = std::upper_bound(first, last, r);
    if (in > out) {
      std::move(out + 1, in, out);
      *(in - 1) = r;
    } else {
      std::move_backward(in, out, out + 1);
      *in = r;
    }
  }
  ring_[head_] = r;
  head_ = (head_ + 1) % window_;
}

TailRisk SortedWindow::tail_risk() const { return from_sorted(sorted_); }

}  // namespace mosaic::risk
