// One asset, long-only signal-proportional, rebalanced every bar: the SMA-crossover sweep's
// book (examples/sma_sweep.toml). A crossover signal of +1, 0 or -1 must give a weight of
// exactly 1, 0 or 0, and the warm-up (signal NaN) must be flat, not NaN.
#include "portfolio_builder.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

using namespace mosaic::portfolio;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> single_asset_weights(const std::vector<double>& signal, std::vector<double> close = {}) {
  if (close.empty()) close.assign(signal.size(), 10.0);
  Config c;
  c.method = Method::SignalProportional;
  c.long_only = true;
  c.rebalance = 1;
  MarketData d;
  d.close = {std::span<const double>(close)};
  d.signals.push_back({"signal.technical", 1.0, {std::span<const double>(signal)}});
  std::vector<double> w(signal.size(), -7.0);
  std::vector<std::span<double>> columns = {std::span<double>(w)};
  PortfolioBuilder b(c);
  b.run(d, columns);
  return w;
}

}  // namespace

TEST_CASE("single asset, long-only, rebalance 1: weight 1 on a +1 signal, 0 on 0, -1 and warm-up") {
  const std::vector<double> signal = {kNaN, kNaN, 1.0, 0.0, -1.0, 1.0, 1.0, -1.0, 0.0, 1.0};
  const std::vector<double> want = {0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0};
  CHECK(single_asset_weights(signal) == want);
}

TEST_CASE("single asset, long-only: any positive score is a full position") {
  // Why the technical module's tie rule matters: a score of 1e-13 from rounding noise would
  // otherwise put the whole book on.
  const std::vector<double> signal = {1e-13, 0.3, -1e-13};
  CHECK(single_asset_weights(signal) == std::vector<double>{1.0, 1.0, 0.0});
}

TEST_CASE("single asset, long-only: a missing close is flat that bar") {
  const std::vector<double> signal = {1.0, 1.0, 1.0};
  CHECK(single_asset_weights(signal, {10.0, kNaN, 11.0}) == std::vector<double>{1.0, 0.0, 1.0});
}
