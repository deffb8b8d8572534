// VADER's rules one by one on hand-made sentences. Each expected value is the valence sum
// worked out by hand in the comment, then normalised: compound = x / sqrt(x^2 + 15).
// Valences (small_lexicon): good 1.9, bad -2.5, great 3.1, kind 2.4, no -1.2, "fed up" -1.8.
#include <doctest/doctest.h>

#include "test_lexicon.hpp"

#include "vader.hpp"

#include <string>

using mosaic::sentiment::VaderScorer;
using sentiment_test::norm;

namespace {

double compound(const char* text) {
  static const auto lexicon = sentiment_test::small_lexicon();
  VaderScorer scorer(lexicon);
  return scorer.compound(text);
}

void check_sum(const char* text, double sum) {
  INFO(text);
  CHECK(compound(text) == doctest::Approx(norm(sum)).epsilon(1e-12));
}

}  // namespace

TEST_CASE("vader: the compound formula is x / sqrt(x^2 + 15), clipped to [-1, 1]") {
  // 1.9 / sqrt(3.61 + 15) = 1.9 / 4.3139309... = 0.4404338...
  CHECK(compound("good") == doctest::Approx(0.4404338).epsilon(1e-6));
  // 4 / sqrt(31) = 0.7184212...
  CHECK(mosaic::sentiment::normalize_score(4.0) == doctest::Approx(0.7184212).epsilon(1e-6));
  CHECK(mosaic::sentiment::normalize_score(-4.0) == doctest::Approx(-0.7184212).epsilon(1e-6));
  CHECK(mosaic::sentiment::normalize_score(0.0) == 0.0);
  CHECK(mosaic::sentiment::normalize_score(1e6) <= 1.0);
  CHECK(mosaic::sentiment::normalize_score(1e6) == doctest::Approx(1.0).epsilon(1e-9));
  // Words not in the lexicon score 0, and so does text without any.
  check_sum("The company said", 0.0);
  CHECK(compound("") == 0.0);
  CHECK(compound("   ") == 0.0);
  // Items add up: 1.9 + -2.5 = -0.6.
  check_sum("good and bad", -0.6);
}

TEST_CASE("vader: negation within the 3 preceding tokens multiplies by -0.74") {
  check_sum("The results are not good", 1.9 * -0.74);  // -1.406
  check_sum("isn't good", 1.9 * -0.74);                // any token with n't negates
  check_sum("isnt good", 1.9 * -0.74);
  check_sum("not really bad", (-2.5 - 0.293) * -0.74);  // booster first, then negation: 2.06682
  check_sum("not at all good", 1.9 * -0.74);            // three tokens back
  check_sum("not that it was good", 1.9);               // four tokens back: out of reach
  check_sum("never good", 1.9 * -0.74);
  check_sum("never so good", (1.9 + 0.293) * 1.25);     // "never so": an intensifier, 2.74125
  check_sum("without doubt good", 1.9);                 // "without doubt" does not negate
  check_sum("without good", 1.9 * -0.74);
  check_sum("least good", 1.9 * -0.74);                 // "least" negates...
  check_sum("at least good", 1.9);                      // ...but not "at least"
  check_sum("very least good", 1.9 + 0.293 * 0.95);     // ...nor "very least" (very boosts from 2 back)
  // Double negation flips twice: (-0.74)^2 * 1.9 = 1.04044.
  check_sum("not never good", 1.9 * 0.74 * 0.74);
  // A typographic apostrophe reads as a plain one.
  check_sum("isn\xE2\x80\x99t good", 1.9 * -0.74);
}

TEST_CASE("vader: 'no' before a sentiment word negates it and scores nothing itself") {
  // "no" is in the lexicon (-1.2): before another lexicon word it scores 0 and the word
  // is multiplied by -0.74: 1.9 * -0.74 = -1.406.
  check_sum("no good", 1.9 * -0.74);
  // Two back: "no" keeps its own -1.2 (the next word, "very", is not in the lexicon), and
  // "good" is negated, then boosted in its new direction: -1.2 + (1.9 * -0.74 - 0.293).
  check_sum("no very good", -1.2 + 1.9 * -0.74 - 0.293);
  // Standing alone it keeps its own valence.
  check_sum("no", -1.2);
  check_sum("no way", -1.2);
}

TEST_CASE("vader: booster and dampener words add or subtract 0.293 in the word's direction") {
  check_sum("very good", 1.9 + 0.293);                   // 2.193
  check_sum("very bad", -2.5 - 0.293);                   // -2.793
  check_sum("really very good", 1.9 + 0.293 + 0.293 * 0.95);  // two back counts 0.95: 2.47135
  check_sum("really, truly, very good", 1.9 + 0.293 + 0.293 * 0.9);  // three back counts 0.9
  check_sum("slightly good", 1.9 - 0.293);               // dampener: 1.607
  check_sum("slightly bad", -2.5 + 0.293);               // towards 0: -2.207
  check_sum("barely great", 3.1 - 0.293);
  // "kind of" is one dampener item: "kind" (2.4) does not score. 1.9 - 0.293 = 1.607.
  check_sum("kind of good", 1.9 - 0.293);
  check_sum("kind", 2.4);
  // A booster alone scores nothing.
  check_sum("very", 0.0);
}

TEST_CASE("vader: contrastive 'but' halves what comes before it and adds half to what follows") {
  check_sum("good but bad", 1.9 * 0.5 + -2.5 * 1.5);   // 0.95 - 3.75 = -2.8
  check_sum("bad, but good", -2.5 * 0.5 + 1.9 * 1.5);  // -1.25 + 2.85 = 1.6
  // Only the first "but" splits: 0.95 - 3.75 + 2.85 = 0.05.
  check_sum("good but bad but good", 1.9 * 0.5 - 2.5 * 1.5 + 1.9 * 1.5);
  check_sum("But good", 1.9 * 1.5);
}

TEST_CASE("vader: ALL-CAPS words add 0.733 when the text mixes case") {
  check_sum("The results are GOOD", 1.9 + 0.733);   // 2.633
  check_sum("The results are BAD", -2.5 - 0.733);   // -3.233
  check_sum("THE RESULTS ARE GOOD", 1.9);           // all capitals: no emphasis (wire headlines)
  check_sum("The results are VERY good", 1.9 + 0.293 + 0.733);  // a capitalised booster: 2.926
  check_sum("GOOD 2024", 1.9 + 0.733);              // "2024" has no letters, so the text mixes
  check_sum("FED UP with it", -1.8 - 0.733);        // a phrase in capitals
}

TEST_CASE("vader: exclamation marks add 0.292 each, up to 4; question marks as VADER") {
  check_sum("good!", 1.9 + 0.292);
  check_sum("good!!", 1.9 + 2 * 0.292);
  check_sum("good!!!!!!", 1.9 + 4 * 0.292);     // capped at four: 3.068
  check_sum("bad!!", -2.5 - 2 * 0.292);          // in the direction of the sum
  check_sum("hello!!!", 0.0);                    // nothing to emphasise
  check_sum("good?", 1.9);                       // one question mark: nothing
  check_sum("good??", 1.9 + 2 * 0.18);           // two or three: 0.18 each
  check_sum("good???", 1.9 + 3 * 0.18);
  check_sum("good????", 1.9 + 0.96);             // four or more: 0.96
  check_sum("good!? really", 1.9 + 0.292);
}

TEST_CASE("vader: tokens, phrases and emoticons") {
  const auto lexicon = sentiment_test::small_lexicon();
  VaderScorer scorer(lexicon);
  scorer.score("(Good), \"bad\"... fed up :) <TXN> !!!");
  REQUIRE(scorer.items().size() == 5);
  CHECK(scorer.items()[0].text == "Good");
  CHECK(scorer.items()[1].lower == "bad");
  CHECK(scorer.items()[2].lower == "fed up");  // a lexicon phrase is one item
  CHECK(scorer.items()[3].text == ":)");       // an emoticon keeps its punctuation
  CHECK(scorer.items()[4].text == "TXN");
  CHECK(scorer.valences()[2] == doctest::Approx(-1.8));
  check_sum("I am fed up", -1.8);
  check_sum("not fed up", -1.8 * -0.74);
  check_sum("great :)", 3.1 + 2.0);
}

TEST_CASE("vader: positive, neutral and negative shares") {
  const auto lexicon = sentiment_test::small_lexicon();
  VaderScorer scorer(lexicon);
  // good 1.9 -> 2.9, bad -2.5 -> -3.5, day -> 1 neutral; total 7.4.
  const auto s = scorer.score("good bad day");
  CHECK(s.pos == doctest::Approx(2.9 / 7.4));
  CHECK(s.neg == doctest::Approx(3.5 / 7.4));
  CHECK(s.neu == doctest::Approx(1.0 / 7.4));
  CHECK(s.pos + s.neg + s.neu == doctest::Approx(1.0));
}

TEST_CASE("vader: tickers and names in <...> tags and single letters carry no sentiment") {
  // Valences: tx 1.5, united 1.8, l 2.0, good 1.9.
  check_sum("Texaco <TX> results good", 1.9);
  check_sum("(<TX>) good", 1.9);
  check_sum("<SHV (United Kingdom) Holding Co Ltd> said good", 1.9);  // a name over several tokens
  check_sum("tx, good", 1.5 + 1.9);                                  // untagged: the lexicon word
  check_sum("a < b united > c", 1.8);                                // '<' then a blank: not a tag
  check_sum("Clifford L. Jones said", 0.0);                          // an initial, not the emoticon
  // Tagged tokens still count as tokens: "not <TX> good" negates from two back.
  check_sum("not <TX> good", 1.9 * -0.74);
}
