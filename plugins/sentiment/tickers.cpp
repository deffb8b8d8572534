#include "tickers.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <stdexcept>

namespace mosaic::sentiment {

namespace {

constexpr size_t kMaxTickerLength = 12;

constexpr bool is_ticker_char(char c) { return is_alnum(c) || c == '.' || c == '-' || c == '&'; }

bool add_unique(std::vector<std::string>& out, std::string ticker) {
  const std::string upper = ascii_uppercase(ticker);
  for (const auto& t : out)
    if (ascii_uppercase(t) == upper) return false;
  out.push_back(std::move(ticker));
  return true;
}

}  // namespace

std::vector<Alias> parse_aliases(std::string_view spec) {
  std::vector<Alias> aliases;
  while (!trim(spec).empty()) {
    const size_t comma = spec.find(',');
    const std::string_view entry = trim(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    const size_t colon = entry.rfind(':');
    if (colon == std::string_view::npos)
      throw std::invalid_argument("entry '" + std::string(entry) + "' is not NAME:TICKER");
    const std::string_view name = trim(entry.substr(0, colon));
    const std::string_view ticker = trim(entry.substr(colon + 1));
    if (name.empty() || ticker.empty())
      throw std::invalid_argument("entry '" + std::string(entry) + "' needs both a name and a ticker (NAME:TICKER)");
    if (std::any_of(ticker.begin(), ticker.end(), is_space))
      throw std::invalid_argument("entry '" + std::string(entry) + "': the ticker '" + std::string(ticker) +
                                  "' contains a blank");
    Alias alias{ascii_lowercase(name), std::string(ticker)};
    const auto same = std::find_if(aliases.begin(), aliases.end(), [&](const Alias& a) { return a.name == alias.name; });
    if (same != aliases.end()) {
      if (same->ticker != alias.ticker)
        throw std::invalid_argument("name '" + std::string(name) + "' maps to two tickers, " + same->ticker + " and " +
                                    alias.ticker);
      continue;
    }
    aliases.push_back(std::move(alias));
  }
  return aliases;
}

std::vector<std::string> tagged_tickers(std::string_view text) {
  std::vector<std::string> out;
  for (size_t open = text.find('<'); open != std::string_view::npos; open = text.find('<', open + 1)) {
    size_t end = open + 1;
    while (end < text.size() && end - open - 1 <= kMaxTickerLength && is_ticker_char(text[end])) ++end;
    const size_t length = end - open - 1;
    if (end < text.size() && text[end] == '>' && length >= 1 && length <= kMaxTickerLength)
      add_unique(out, std::string(text.substr(open + 1, length)));
  }
  return out;
}

bool contains_words(std::string_view lower_text, std::string_view name) {
  if (name.empty()) return false;
  for (size_t at = lower_text.find(name); at != std::string_view::npos; at = lower_text.find(name, at + 1)) {
    const bool starts = at == 0 || !is_alnum(lower_text[at - 1]);
    const size_t after = at + name.size();
    const bool ends = after == lower_text.size() || !is_alnum(lower_text[after]);
    if (starts && ends) return true;
  }
  return false;
}

std::vector<std::string> TickerResolver::tickers(std::string_view ticker_cell, std::string_view headline) const {
  std::vector<std::string> out;
  ticker_cell = trim(ticker_cell);
  if (!ticker_cell.empty()) {
    // A whole cell may be an alias name with blanks in it ("Royal Dutch").
    const std::string whole = ascii_lowercase(ticker_cell);
    for (const Alias& a : aliases_)
      if (a.name == whole) return {a.ticker};
    size_t pos = 0;
    const auto separator = [](char c) { return c == ',' || c == ';' || c == '|' || is_space(c); };
    while (pos < ticker_cell.size()) {
      while (pos < ticker_cell.size() && separator(ticker_cell[pos])) ++pos;
      const size_t start = pos;
      while (pos < ticker_cell.size() && !separator(ticker_cell[pos])) ++pos;
      if (pos == start) break;
      const std::string_view t = ticker_cell.substr(start, pos - start);
      const std::string lower = ascii_lowercase(t);
      const auto alias = std::find_if(aliases_.begin(), aliases_.end(), [&](const Alias& a) { return a.name == lower; });
      add_unique(out, alias != aliases_.end() ? alias->ticker : std::string(t));
    }
    return out;
  }
  out = tagged_tickers(headline);
  if (!aliases_.empty()) {
    const std::string lower = ascii_lowercase(headline);
    for (const Alias& a : aliases_)
      if (contains_words(lower, a.name)) add_unique(out, a.ticker);
  }
  return out;
}

void TickerResolver::set_universe(const std::vector<std::string>& tickers) {
  universe_.clear();
  for (size_t i = 0; i < tickers.size(); ++i) universe_.try_emplace(ascii_uppercase(tickers[i]), i);
}

void TickerResolver::assets(std::string_view ticker_cell, std::string_view headline, std::vector<size_t>& assets) const {
  for (const auto& t : tickers(ticker_cell, headline)) {
    const auto it = universe_.find(ascii_uppercase(t));
    if (it != universe_.end() && std::find(assets.begin(), assets.end(), it->second) == assets.end())
      assets.push_back(it->second);
  }
}

}  // namespace mosaic::sentiment
