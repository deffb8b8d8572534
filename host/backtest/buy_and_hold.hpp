// The benchmark a report sets a strategy against: the equal-weight buy-and-hold of the
// universe. At the first bar where any asset has a price, the capital is split equally
// among the assets priced there and held: no rebalancing, so the weights drift with the
// prices. An asset first priced later is not bought; a missing price later carries the
// last one.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::host {

struct BuyAndHold {
  std::vector<double> equity;  // one per bar, 1 up to and at the first priced bar
  size_t assets_held = 0;      // how many assets were bought
};

// `close` is asset-major (close[a * bars + t]), as MarketData holds it.
BuyAndHold equal_weight_buy_and_hold(size_t bars, size_t assets, std::span<const double> close);

}  // namespace mosaic::host
