#include "vader.hpp"

#include "ascii.hpp"
#include "emoji_text.hpp"
#include "word_lists.hpp"

#include <algorithm>
#include <cmath>

namespace mosaic::sentiment {

namespace {

constexpr std::string_view kTypographicApostrophe = "\xE2\x80\x99";

bool is_so_or_this(std::string_view lower) { return lower == "so" || lower == "this"; }

}  // namespace

double normalize_score(double x, double alpha) {
  const double score = x / std::sqrt(x * x + alpha);
  return std::clamp(score, -1.0, 1.0);
}

double punctuation_emphasis(std::string_view text) {
  const auto exclamations = std::count(text.begin(), text.end(), '!');
  const auto questions = std::count(text.begin(), text.end(), '?');
  double emphasis = static_cast<double>(std::min<std::ptrdiff_t>(exclamations, vader::kMaxExclamations)) *
                    vader::kExclamationIncrement;
  if (questions > 1)
    emphasis += questions <= 3 ? static_cast<double>(questions) * vader::kQuestionIncrement : vader::kQuestionMax;
  return emphasis;
}

void VaderScorer::find_tags(std::string_view text) {
  constexpr size_t kMaxTag = 80;
  tags_.clear();
  for (size_t open = text.find('<'); open != std::string_view::npos; open = text.find('<', open + 1)) {
    const size_t close = text.find_first_of("<>\n", open + 1);
    if (close != std::string_view::npos && text[close] == '>' && close > open + 1 && !is_space(text[open + 1]) &&
        close - open - 1 <= kMaxTag)
      tags_.emplace_back(open, close);
  }
}

bool VaderScorer::in_tag(size_t pos) const {
  for (const auto& [begin, end] : tags_)
    if (pos >= begin && pos <= end) return true;
  return false;
}

void VaderScorer::tokenize(std::string_view text) {
  tokens_.clear();
  find_tags(text);
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && is_space(text[pos])) ++pos;
    const size_t start = pos;
    while (pos < text.size() && !is_space(text[pos])) ++pos;
    if (pos == start) break;
    // The token as written, with typographic apostrophes made plain.
    scratch_.assign(text.substr(start, pos - start));
    for (size_t at = scratch_.find(kTypographicApostrophe); at != std::string::npos;
         at = scratch_.find(kTypographicApostrophe, at + 1))
      scratch_.replace(at, kTypographicApostrophe.size(), "'");
    Token token;
    token.lower = ascii_lowercase(scratch_);
    size_t word_start = start;  // where the word proper begins in `text`
    if (lexicon_->has(token.lower)) {
      token.text = scratch_;  // an emoticon or a word written exactly as the lexicon has it
    } else {
      while (word_start < pos && is_punctuation(text[word_start])) ++word_start;
      size_t b = 0, e = scratch_.size();
      while (b < e && is_punctuation(scratch_[b])) ++b;
      while (e > b && is_punctuation(scratch_[e - 1])) --e;
      if (b == e) continue;  // punctuation only
      token.text = scratch_.substr(b, e - b);
      token.lower = ascii_lowercase(token.text);
    }
    token.caps = is_all_caps(token.text);
    token.tag = !tags_.empty() && in_tag(word_start);
    tokens_.push_back(std::move(token));
  }
  const auto caps = std::count_if(tokens_.begin(), tokens_.end(), [](const Token& t) { return t.caps; });
  mixed_case_ = caps > 0 && static_cast<size_t>(caps) < tokens_.size();
}

void VaderScorer::join_phrases() {
  items_.clear();
  const size_t max_words = std::max(lexicon_->max_phrase_words(), kMaxBoosterPhraseWords);
  size_t i = 0;
  while (i < tokens_.size()) {
    size_t joined = 1;
    for (size_t n = std::min(max_words, tokens_.size() - i); n >= 2; --n) {
      scratch_ = tokens_[i].lower;
      for (size_t k = 1; k < n; ++k) scratch_.append(" ").append(tokens_[i + k].lower);
      if (lexicon_->has(scratch_) || booster_direction(scratch_) != 0) {
        joined = n;
        break;
      }
    }
    if (joined == 1) {
      items_.push_back(tokens_[i]);
    } else {
      Token phrase{tokens_[i].text, scratch_, tokens_[i].caps, tokens_[i].tag};
      for (size_t k = 1; k < joined; ++k) {
        phrase.text.append(" ").append(tokens_[i + k].text);
        phrase.caps = phrase.caps && tokens_[i + k].caps;
        phrase.tag = phrase.tag || tokens_[i + k].tag;
      }
      items_.push_back(std::move(phrase));
    }
    i += joined;
  }
}

double VaderScorer::booster_scalar(const Token& word, double valence) const {
  const int direction = booster_direction(word.lower);
  if (direction == 0 || valence == 0) return 0.0;
  double scalar = direction * vader::kBoosterIncrement;
  if (valence < 0) scalar = -scalar;
  if (word.caps && mixed_case_) scalar += valence > 0 ? vader::kCapsIncrement : -vader::kCapsIncrement;
  return scalar;
}

// The negation rule for the token `distance` places before item i.
double VaderScorer::negation_check(double valence, size_t i, size_t distance) const {
  const std::string& far = lower_at(i - distance);
  if (distance == 2) {
    const std::string& near = lower_at(i - 1);
    if (far == "never" && is_so_or_this(near)) return valence * vader::kNeverSoScalar;
    if (far == "without" && near == "doubt") return valence;
  } else if (distance == 3) {
    const std::string& mid = lower_at(i - 2);
    const std::string& near = lower_at(i - 1);
    if (far == "never" && (is_so_or_this(mid) || is_so_or_this(near))) return valence * vader::kNeverSoScalar;
    if (far == "without" && (mid == "doubt" || near == "doubt")) return valence;
  }
  return is_negation(far) ? valence * vader::kNegationScalar : valence;
}

double VaderScorer::valence_of(size_t i) const {
  const Token& word = items_[i];
  if (booster_direction(word.lower) != 0) return 0.0;
  // A single character is an initial or a list letter ("Clifford L. Jones", "Class A"),
  // not the emoticon VADER's lexicon lists for some ("l" 2.0); older VADER dropped such
  // tokens altogether. They still count as tokens.
  if (word.lower.size() == 1 || word.tag) return 0.0;
  const double* entry = lexicon_->find(word.lower);
  if (!entry) return 0.0;
  double valence = *entry;

  // "no" as a determiner before another sentiment word, versus "no" standing alone.
  if (word.lower == "no" && i + 1 < items_.size() && lexicon_->has(lower_at(i + 1))) valence = 0.0;
  if ((i > 0 && lower_at(i - 1) == "no") || (i > 1 && lower_at(i - 2) == "no") ||
      (i > 2 && lower_at(i - 3) == "no" && (lower_at(i - 1) == "or" || lower_at(i - 1) == "nor")))
    valence = *entry * vader::kNegationScalar;

  if (word.caps && mixed_case_) {
    if (valence > 0) valence += vader::kCapsIncrement;
    else if (valence < 0) valence -= vader::kCapsIncrement;
  }

  for (size_t distance = 1; distance <= 3 && distance <= i; ++distance) {
    const Token& before = items_[i - distance];
    if (lexicon_->has(before.lower)) continue;
    double scalar = booster_scalar(before, valence);
    if (distance == 2) scalar *= vader::kBoosterDecay2;
    if (distance == 3) scalar *= vader::kBoosterDecay3;
    valence += scalar;
    valence = negation_check(valence, i, distance);
  }

  if (i > 0 && lower_at(i - 1) == "least" && !lexicon_->has("least")) {
    const bool at_least = i > 1 && (lower_at(i - 2) == "at" || lower_at(i - 2) == "very");
    if (!at_least) valence *= vader::kNegationScalar;
  }
  return valence;
}

Sentiment VaderScorer::score(std::string_view text) {
  if (emoji_ && !emoji_->empty()) {
    replace_emoji(text, *emoji_, translated_);
    text = translated_;  // punctuation emphasis counts the translated text too, as in VADER
  }
  tokenize(text);
  join_phrases();
  valences_.assign(items_.size(), 0.0);
  for (size_t i = 0; i < items_.size(); ++i) valences_[i] = valence_of(i);

  const auto but = std::find_if(items_.begin(), items_.end(), [](const Token& t) { return t.lower == "but"; });
  if (but != items_.end()) {
    const auto at = static_cast<size_t>(but - items_.begin());
    for (size_t i = 0; i < valences_.size(); ++i) {
      if (i < at) valences_[i] *= vader::kButBefore;
      if (i > at) valences_[i] *= vader::kButAfter;
    }
  }

  Sentiment s;
  if (valences_.empty()) return s;
  const double emphasis = punctuation_emphasis(text);
  double sum = 0;
  for (double v : valences_) sum += v;
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  s.compound = normalize_score(sum);

  // VADER's shares: each positive item counts v + 1 and each negative v - 1, so that
  // neutral items (counting 1) do not swamp them; the emphasis goes to the larger side.
  double pos_sum = 0, neg_sum = 0, neutral = 0;
  for (double v : valences_) {
    if (v > 0) pos_sum += v + 1;
    else if (v < 0) neg_sum += v - 1;
    else neutral += 1;
  }
  if (pos_sum > std::fabs(neg_sum)) pos_sum += emphasis;
  else if (pos_sum < std::fabs(neg_sum)) neg_sum -= emphasis;
  const double total = pos_sum + std::fabs(neg_sum) + neutral;
  if (total > 0) {
    s.pos = std::fabs(pos_sum / total);
    s.neg = std::fabs(neg_sum / total);
    s.neu = std::fabs(neutral / total);
  }
  return s;
}

}  // namespace mosaic::sentiment
