// One asset's bar in the backtest (docs/metrics.md), shared by Backtester::run and measure.
#pragma once

#include <cmath>
#include <cstdint>

namespace mosaic::host::asset_bar {

inline constexpr uint8_t kPriced = 1;  // a price at the bar: the asset can trade
inline constexpr uint8_t kEarns = 2;   // a price at the bar and an earlier one: the move is booked

// A fill at the open looks at each bar's open and close in turn (open_fill.cpp). kPriced then
// means a price at the open, where the asset trades, so held_after applies unchanged.
inline constexpr uint8_t kGapEarns = 2;  // a price at the open and an earlier one: the gap into it is booked
inline constexpr uint8_t kDayEarns = 4;  // a price at the close and an earlier one (the open's or before)

// Whether the weight held since t-1 earns the asset's move over (t-1, t]. An asset without a
// price at t earns nothing now; its move shows up when a price returns, against the last one.
inline bool earns(uint8_t flags, double before) { return (flags & kEarns) && before != 0.0; }

// The weight held after trading at t. No price at t: the asset cannot trade, so its weight
// carries; a NaN decision also holds the previous weight.
inline double held_after(uint8_t flags, double target, double before) {
  return ((flags & kPriced) && std::isfinite(target)) ? target : before;
}

}  // namespace mosaic::host::asset_bar
