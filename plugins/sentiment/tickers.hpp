// Which assets a news item is about: the row's ticker column, else the tickers written
// as <TICKER> in its headline, plus any company names the alias map knows.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mosaic::sentiment {

struct Alias {
  std::string name;    // lowercase; matched case-insensitively as whole words
  std::string ticker;  // as written
};

// "Texaco:TX, Exxon:XON": comma-separated NAME:TICKER pairs; blanks around names and
// tickers are ignored, a name may contain spaces ("Royal Dutch:RD"), an empty spec means
// no aliases. Throws std::invalid_argument naming the bad entry (no ':', an empty name or
// ticker, a ticker with spaces, one name mapped to two tickers).
std::vector<Alias> parse_aliases(std::string_view spec);

// The tickers tagged <LIKE.THIS> in text: 1 to 12 letters, digits, '.', '-' or '&' between
// angle brackets, no spaces. Reuters writes company names as <Sedio N.V.> too; those have
// spaces and are not tickers. In order of appearance, without repeats.
std::vector<std::string> tagged_tickers(std::string_view text);

// True when `name` (lowercase) occurs in `lower_text` (lowercase) as whole words: not
// preceded or followed by a letter or digit.
bool contains_words(std::string_view lower_text, std::string_view name);

class TickerResolver {
 public:
  explicit TickerResolver(std::vector<Alias> aliases = {}) : aliases_(std::move(aliases)) {}

  // The tickers an item names, before matching them to a universe:
  // - a non-empty ticker cell: its tickers (separated by ',', ';', '|' or blanks), each
  //   replaced by its alias when the cell holds a name the alias map knows;
  // - an empty cell: the <TICKER> tags of the headline, then the tickers of the alias
  //   names that occur in the headline.
  // No repeats (case-insensitively), first occurrence first.
  std::vector<std::string> tickers(std::string_view ticker_cell, std::string_view headline) const;

  // The universe, matched case-insensitively.
  void set_universe(const std::vector<std::string>& tickers);
  // Appends to `assets` the universe indices of the item's tickers that are in it.
  void assets(std::string_view ticker_cell, std::string_view headline, std::vector<size_t>& assets) const;

 private:
  std::vector<Alias> aliases_;
  std::unordered_map<std::string, size_t> universe_;  // uppercase ticker -> asset index
};

}  // namespace mosaic::sentiment
