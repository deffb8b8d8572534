// The module's work without the ABI: news items in, the signal panel's columns out.
//   NewsSignal s(lexicon, aliases, options);
//   s.begin(calendar, universe);
//   for each item: s.add(ts, ticker, headline, body);
//   double coverage = s.finish(columns);
#pragma once

#include "decay.hpp"
#include "emoji_names.hpp"
#include "lexicon.hpp"
#include "tickers.hpp"
#include "vader.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mosaic::sentiment {

struct SignalOptions {
  double body_weight = 0.0;  // see item_score
  DecayOptions decay;
};

// What happened to the items of one pass.
struct SignalCounts {
  size_t items = 0;      // add() calls
  size_t placed = 0;     // items that reached at least one asset of the universe
  size_t late = 0;       // stamped after the last bar: they affect no bar yet
  size_t unmatched = 0;  // on or before the last bar, but about no asset of the universe
};

class NewsSignal {
 public:
  // Borrows `lexicon` and `emoji` (null: emoji are not translated), which must outlive
  // this object.
  NewsSignal(const Lexicon& lexicon, std::vector<Alias> aliases, SignalOptions options,
             const EmojiNames* emoji = nullptr);

  // Starts a pass over a calendar (borrowed until finish) and universe.
  void begin(std::span<const int64_t> calendar, const std::vector<std::string>& universe);
  // Scores one item and places it on its assets at the first bar at or after `ts`.
  // Returns the item's score, or NaN when it reaches no bar or no asset (then it is not
  // scored at all).
  double add(int64_t ts, std::string_view ticker, std::string_view headline, std::string_view body);
  // Fills one column per universe asset (each of the calendar's length); returns the
  // coverage, the share of assets with any item so far. `market`, when not empty, gets the
  // same decayed average over every item that reaches a bar, whatever it is about: the
  // tone of the whole feed.
  double finish(std::span<const std::span<double>> columns, std::span<double> market = {});

  const SignalCounts& counts() const { return counts_; }
  VaderScorer& scorer() { return scorer_; }

 private:
  VaderScorer scorer_;
  TickerResolver resolver_;
  SignalOptions options_;
  std::span<const int64_t> calendar_;
  SignalCounts counts_;
  // Scratch kept between passes (per instance; never thread_local).
  std::vector<NewsEvent> events_;
  std::vector<NewsEvent> market_events_;  // every item on a bar, in one column
  std::vector<size_t> assets_;
};

}  // namespace mosaic::sentiment
