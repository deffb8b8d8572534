// From scored news items to a panel: per asset and bar, an exponentially decayed average
// of the scores of the items seen so far.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace mosaic::sentiment {

// One item's score, placed on one asset at the bar where it first counts.
struct NewsEvent {
  size_t asset;
  size_t bar;
  double score;  // in [-1, 1]
};

// The bar at which an item stamped `ts` first counts: the first bar whose timestamp is at
// or after it (so an item stamped during a bar's session counts from the next bar, and one
// stamped exactly on a bar counts on it). calendar.size() when it is after the last bar.
size_t first_bar_at_or_after(std::span<const int64_t> calendar, int64_t ts);

struct DecayOptions {
  double half_life = 5.0;  // bars; each bar multiplies an item's weight by 0.5^(1/half_life)
  // true: divide by max(total weight, 1), so a lone item fades, halving every half_life
  // bars, while several fresh items are averaged. false: divide by the total weight, the
  // plain weighted mean, which holds the last level until new news arrives.
  bool fade = true;
};

// Fills columns[a][t] for every asset a and bar t with
//   S(t) / D(t),  S(t) = sum_j w_j(t) s_j,  W(t) = sum_j w_j(t),  w_j(t) = lambda^(t - bar_j),
// over the asset's events j with bar_j <= t, lambda = 0.5^(1/half_life), and
// D = max(W, 1) (fade) or W; 0 before an asset's first event and for assets without any.
// The result is in [-1, 1] because each is a weighted mean of scores in [-1, 1] with
// weights summing to at most 1. Sorts `events` by (asset, bar), stably. Events must have
// asset < columns.size() and bar < the columns' length.
// Returns the coverage: the share of assets with at least one event (0 with no assets).
double decayed_average(std::vector<NewsEvent>& events, std::span<const std::span<double>> columns,
                       const DecayOptions& options);

}  // namespace mosaic::sentiment
