#include "host/backtest/window.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace mosaic::host {

BacktestResult backtest_window(const BacktestResult& r, size_t first, size_t end) {
  if (!(first < end && end <= r.bars))
    throw std::out_of_range(fmt::format("backtest window [{}, {}) is not within {} bars", first, end, r.bars));
  BacktestResult w;
  w.bars = end - first;
  w.assets = r.assets;
  auto cut = [&](const std::vector<double>& v) {
    return std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(first),
                               v.begin() + static_cast<std::ptrdiff_t>(end));
  };
  w.returns = cut(r.returns);
  w.returns[0] = 0.0;
  w.turnover = cut(r.turnover);
  w.gross = cut(r.gross);
  w.held.reserve(w.bars * w.assets);
  for (size_t a = 0; a < r.assets; ++a)
    for (size_t t = first; t < end; ++t) w.held.push_back(r.held[a * r.bars + t]);
  w.equity.assign(w.bars, 1.0);
  w.drawdown.assign(w.bars, 0.0);
  double peak = 1.0;
  for (size_t t = 1; t < w.bars; ++t) {
    w.equity[t] = w.equity[t - 1] * (1.0 + w.returns[t]);
    peak = std::max(peak, w.equity[t]);
    w.drawdown[t] = 1.0 - w.equity[t] / peak;
  }
  return w;
}

}  // namespace mosaic::host
