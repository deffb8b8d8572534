// An item's score: the headline, and optionally the body's sentences.
#include <doctest/doctest.h>

#include "test_lexicon.hpp"

#include "item_score.hpp"

#include <string>
#include <string_view>
#include <vector>

using namespace mosaic::sentiment;
using sentiment_test::norm;

TEST_CASE("sentences end at . ! or ? followed by a blank") {
  using V = std::vector<std::string_view>;
  CHECK(split_sentences("Profit rose. Sales fell!  Why?") == V{"Profit rose.", "Sales fell!", "Why?"});
  CHECK(split_sentences("It paid 1.50 dlrs a share.\n    The rest") == V{"It paid 1.50 dlrs a share.", "The rest"});
  CHECK(split_sentences("Really?!  Yes") == V{"Really?!", "Yes"});
  CHECK(split_sentences("   ").empty());
  CHECK(split_sentences("no end") == V{"no end"});
}

TEST_CASE("item score: headline alone, body blended by weight, each scored on its own") {
  const auto lexicon = sentiment_test::small_lexicon();
  VaderScorer scorer(lexicon);
  const double headline = norm(1.9);                       // "GOOD NEWS": all capitals, no emphasis
  const double body = (norm(-2.5) + 0.0 + norm(1.9)) / 3;  // mean over the body's three sentences
  const char* text = "It was bad. Nothing else. Then good.";
  CHECK(item_score(scorer, "GOOD NEWS", "", 0.5) == doctest::Approx(headline));
  CHECK(item_score(scorer, "GOOD NEWS", text, 0.0) == doctest::Approx(headline));
  CHECK(item_score(scorer, "GOOD NEWS", text, 0.25) == doctest::Approx(0.75 * headline + 0.25 * body));
  CHECK(item_score(scorer, "GOOD NEWS", text, 1.0) == doctest::Approx(body));
  CHECK(item_score(scorer, "", text, 0.0) == doctest::Approx(body));  // no headline: the body
  CHECK(item_score(scorer, " ", " ", 0.5) == 0.0);
  CHECK(text_score(scorer, text) == doctest::Approx(body));
  // Scored together, the capitals of the headline would count as emphasis against the
  // mixed-case body: 1.9 + 0.733 instead of 1.9. Scored apart, they do not.
  CHECK(scorer.compound("GOOD NEWS It was fine") == doctest::Approx(norm(1.9 + 0.733)));
}
