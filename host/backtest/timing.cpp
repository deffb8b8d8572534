#include "host/backtest/timing.hpp"

#include <algorithm>

namespace mosaic::host {

std::span<const double> shift_weights(std::span<const double> weights, size_t bars, size_t assets, size_t shift,
                                      std::vector<double>& out) {
  out.resize(bars * assets);
  const size_t lead = std::min(shift, bars);
  for (size_t a = 0; a < assets; ++a) {
    const double* from = weights.data() + a * bars;
    double* to = out.data() + a * bars;
    std::fill(to, to + lead, 0.0);
    std::copy(from, from + (bars - lead), to + lead);
  }
  return out;
}

}  // namespace mosaic::host
