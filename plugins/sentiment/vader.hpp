// VADER's rule-based scorer (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model
// for Sentiment Analysis of Social Media Text"), written here from the paper and the
// published algorithm. One call scores one piece of text (a headline or a sentence).
//
// The rules, in the order they apply to each lexicon word w with valence v:
//   1. Booster and dampener words score 0 themselves; so do words not in the lexicon,
//      single characters (initials such as "L." are not the lexicon's emoticon "l"), and
//      words inside a <...> tag, the wires' markup for tickers and company names
//      ("<TX>" is not the slang "tx" for thanks, "<SHV (United Kingdom) Holding>" is a name).
//   2. "no": the word "no" right before another lexicon word scores 0 itself; a word with
//      "no" one or two tokens before it (or three, with "or"/"nor" right before it) scores
//      v * kNegationScalar.
//   3. ALL-CAPS emphasis: if w is written in capitals and the text mixes case (some but
//      not all tokens are capitals), |v| grows by kCapsIncrement.
//   4. For each of the 3 tokens before w that is not itself in the lexicon, nearest first:
//      - a booster adds kBoosterIncrement in the direction of v (a dampener subtracts it),
//        times 1, 0.95, 0.9 by distance 1, 2, 3, plus kCapsIncrement if the booster is in
//        capitals in mixed-case text. (A word already at 0 stays 0: boosters intensify,
//        they do not create sentiment.)
//      - a negation (kNegations, or any token containing "n't") multiplies v by
//        kNegationScalar. Exceptions: "never so/this w" multiplies by 1.25 instead (an
//        intensifier), and "without doubt" does not negate.
//   5. "least" right before w negates it, unless preceded by "at" or "very".
//   6. Contrastive "but" (the first one): valences before it are multiplied by 0.5, after
//      it by 1.5.
// Then the sum x of the valences gets the punctuation emphasis (sign of x): +0.292 per
// "!" up to 4, and for 2 or 3 "?" 0.18 each (0.96 for 4 or more), and
//   compound = x / sqrt(x^2 + alpha), alpha = 15, clipped to [-1, 1].
//
// A tag is '<', a character other than a blank, up to 79 more characters without '<',
// '>' or a line break, then '>'.
// Tokens are the text split on whitespace, with punctuation stripped from both ends
// unless the token as written is in the lexicon (emoticons such as ":)" keep theirs);
// tokens left empty are dropped. Consecutive tokens that form a lexicon phrase ("fed up")
// or a two-word dampener ("kind of") become one item. A typographic apostrophe (U+2019)
// reads as "'".
//
// Where this departs from the reference Python code, it follows the paper's intent:
// the reference keeps punctuation on words of 1-2 letters ("no," does not match "no"),
// multiplies by 1.25 after any "so"/"this" three words back (an operator-precedence
// slip), locates items by value rather than position in the "but" rule, and adds a
// booster to a word scored 0. It also ignores multi-word lexicon entries, which are
// matched here.
//
// Emoji: given a table of emoji names (emoji_names.hpp), each text is first translated as
// in the reference (emoji_text.hpp: every code point with a name becomes that name, "good"
// then U+1F600 reads "good grinning face"), and everything above applies to the result. The
// names come from the Unicode emoji-test.txt installed on the system rather than from the
// reference's copy of an older one, so about 55 of its 1,212 single-code-point names read as
// CLDR renamed them since (U+1F917 "hugging face" is now "smiling face with open hands"),
// and newer emoji have names. Without a table, text is scored as written.
#pragma once

#include "emoji_names.hpp"
#include "lexicon.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mosaic::sentiment {

namespace vader {
inline constexpr double kBoosterIncrement = 0.293;  // B_INCR; a dampener uses -0.293
inline constexpr double kCapsIncrement = 0.733;     // C_INCR
inline constexpr double kNegationScalar = -0.74;    // N_SCALAR
inline constexpr double kBoosterDecay2 = 0.95;      // booster two tokens back
inline constexpr double kBoosterDecay3 = 0.90;      // booster three tokens back
inline constexpr double kNeverSoScalar = 1.25;      // "never so good"
inline constexpr double kButBefore = 0.5;
inline constexpr double kButAfter = 1.5;
inline constexpr double kExclamationIncrement = 0.292;
inline constexpr int kMaxExclamations = 4;
inline constexpr double kQuestionIncrement = 0.18;  // for 2 or 3 question marks, each
inline constexpr double kQuestionMax = 0.96;        // for 4 or more
inline constexpr double kAlpha = 15.0;
}  // namespace vader

// x / sqrt(x^2 + alpha), clipped to [-1, 1].
double normalize_score(double x, double alpha = vader::kAlpha);

// The punctuation emphasis VADER adds to |sum|: exclamation and question marks.
double punctuation_emphasis(std::string_view text);

struct Sentiment {
  double compound = 0;  // in [-1, 1]
  // Shares of the text that are positive, neutral and negative (sum 1, or all 0 for text
  // without tokens), as VADER reports them.
  double pos = 0, neu = 0, neg = 0;
};

struct Token {
  std::string text;   // as written, punctuation stripped
  std::string lower;  // lowercase, for lookups
  bool caps = false;  // all letters capitals (and at least one letter)
  bool tag = false;   // starts inside a <...> tag: a ticker or a company name
};

// Scores text against a lexicon and, when given, emoji names, both borrowed (they must
// outlive it). Not thread-safe: it keeps its token buffers between calls, so that scoring
// many items allocates little.
class VaderScorer {
 public:
  explicit VaderScorer(const Lexicon& lexicon, const EmojiNames* emoji = nullptr)
      : lexicon_(&lexicon), emoji_(emoji) {}

  Sentiment score(std::string_view text);
  double compound(std::string_view text) { return score(text).compound; }

  // After score(): the items (tokens, phrases joined) and the valence each contributed,
  // after every rule including "but". For tests and explanations.
  const std::vector<Token>& items() const { return items_; }
  const std::vector<double>& valences() const { return valences_; }

 private:
  void find_tags(std::string_view text);
  bool in_tag(size_t pos) const;
  void tokenize(std::string_view text);
  void join_phrases();
  double valence_of(size_t i) const;
  double booster_scalar(const Token& word, double valence) const;
  double negation_check(double valence, size_t i, size_t distance) const;
  const std::string& lower_at(size_t i) const { return items_[i].lower; }

  const Lexicon* lexicon_;
  const EmojiNames* emoji_;
  bool mixed_case_ = false;
  std::string translated_;  // the text with its emoji written out
  std::vector<Token> tokens_;
  std::vector<Token> items_;
  std::vector<double> valences_;
  std::string scratch_;
  std::vector<std::pair<size_t, size_t>> tags_;  // [begin, end] byte offsets of <...> tags
};

}  // namespace mosaic::sentiment
