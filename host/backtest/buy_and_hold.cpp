#include "host/backtest/buy_and_hold.hpp"

#include <cmath>

namespace mosaic::host {

BuyAndHold equal_weight_buy_and_hold(size_t bars, size_t assets, std::span<const double> close) {
  BuyAndHold b;
  b.equity.assign(bars, 1.0);
  auto priced = [&](size_t a, size_t t) { return std::isfinite(close[a * bars + t]) && close[a * bars + t] > 0; };
  size_t start = 0;
  while (start < bars) {
    bool any = false;
    for (size_t a = 0; a < assets && !any; ++a) any = priced(a, start);
    if (any) break;
    ++start;
  }
  if (start == bars) return b;
  std::vector<size_t> held;
  for (size_t a = 0; a < assets; ++a)
    if (priced(a, start)) held.push_back(a);
  b.assets_held = held.size();
  const double share = 1.0 / static_cast<double>(held.size());
  std::vector<double> last(held.size());
  for (size_t i = 0; i < held.size(); ++i) last[i] = close[held[i] * bars + start];
  std::vector<double> units(held.size());
  for (size_t i = 0; i < held.size(); ++i) units[i] = share / last[i];
  for (size_t t = start; t < bars; ++t) {
    double value = 0;
    for (size_t i = 0; i < held.size(); ++i) {
      if (priced(held[i], t)) last[i] = close[held[i] * bars + t];
      value += units[i] * last[i];
    }
    b.equity[t] = value;
  }
  return b;
}

}  // namespace mosaic::host
