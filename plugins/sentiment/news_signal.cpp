#include "news_signal.hpp"

#include "item_score.hpp"

#include <limits>

namespace mosaic::sentiment {

NewsSignal::NewsSignal(const Lexicon& lexicon, std::vector<Alias> aliases, SignalOptions options,
                       const EmojiNames* emoji)
    : scorer_(lexicon, emoji), resolver_(std::move(aliases)), options_(options) {}

void NewsSignal::begin(std::span<const int64_t> calendar, const std::vector<std::string>& universe) {
  calendar_ = calendar;
  resolver_.set_universe(universe);
  events_.clear();
  market_events_.clear();
  counts_ = {};
}

double NewsSignal::add(int64_t ts, std::string_view ticker, std::string_view headline, std::string_view body) {
  ++counts_.items;
  const size_t bar = first_bar_at_or_after(calendar_, ts);
  if (bar >= calendar_.size()) {
    ++counts_.late;
    return std::numeric_limits<double>::quiet_NaN();
  }
  assets_.clear();
  resolver_.assets(ticker, headline, assets_);
  const double score = item_score(scorer_, headline, body, options_.body_weight);
  market_events_.push_back({0, bar, score});
  if (assets_.empty()) {
    ++counts_.unmatched;
    return std::numeric_limits<double>::quiet_NaN();
  }
  ++counts_.placed;
  for (size_t a : assets_) events_.push_back({a, bar, score});
  return score;
}

double NewsSignal::finish(std::span<const std::span<double>> columns, std::span<double> market) {
  const double coverage = decayed_average(events_, columns, options_.decay);
  if (!market.empty()) {
    const std::span<double> one[] = {market};
    decayed_average(market_events_, one, options_.decay);
  }
  calendar_ = {};
  return coverage;
}

}  // namespace mosaic::sentiment
