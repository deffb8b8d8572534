#include "item_score.hpp"

#include "ascii.hpp"

namespace mosaic::sentiment {

namespace {
constexpr bool is_terminal(char c) { return c == '.' || c == '!' || c == '?'; }
}  // namespace

std::vector<std::string_view> split_sentences(std::string_view text) {
  std::vector<std::string_view> sentences;
  size_t start = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    if (!is_terminal(text[pos])) {
      ++pos;
      continue;
    }
    while (pos < text.size() && is_terminal(text[pos])) ++pos;
    if (pos == text.size() || is_space(text[pos])) {
      const std::string_view piece = trim(text.substr(start, pos - start));
      if (!piece.empty()) sentences.push_back(piece);
      start = pos;
    }
  }
  const std::string_view rest = trim(text.substr(std::min(start, text.size())));
  if (!rest.empty()) sentences.push_back(rest);
  return sentences;
}

double text_score(VaderScorer& scorer, std::string_view text) {
  const auto sentences = split_sentences(text);
  if (sentences.empty()) return 0.0;
  double sum = 0;
  for (auto s : sentences) sum += scorer.compound(s);
  return sum / static_cast<double>(sentences.size());
}

double item_score(VaderScorer& scorer, std::string_view headline, std::string_view body, double body_weight) {
  const bool has_headline = !trim(headline).empty();
  const bool has_body = !trim(body).empty();
  if (!has_body || (has_headline && body_weight <= 0.0)) return has_headline ? scorer.compound(headline) : 0.0;
  if (!has_headline) return text_score(scorer, body);
  return (1.0 - body_weight) * scorer.compound(headline) + body_weight * text_score(scorer, body);
}

}  // namespace mosaic::sentiment
