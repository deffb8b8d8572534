// Scoring with emoji: VADER's lexicon (data/) scores an emoji's name, so a headline with an
// emoji scores as the same headline with the name written out.
#include <doctest/doctest.h>

#include "reuters_sample.hpp"
#include "test_lexicon.hpp"

#include "emoji_names.hpp"
#include "item_score.hpp"
#include "lexicon.hpp"
#include "vader.hpp"

#include <filesystem>
#include <string>

using namespace mosaic::sentiment;
using sentiment_test::norm;

namespace {

const Lexicon& vader_lexicon() {
  static const Lexicon lexicon = Lexicon::load(MOSAIC_DATA_DIR, LexiconKind::Vader);
  return lexicon;
}

EmojiNames names() {
  EmojiNames n;  // the names emoji-test.txt gives these code points
  n.add(0x1F600, "grinning face");
  n.add(0x1F622, "crying face");
  return n;
}

}  // namespace

TEST_CASE("vader emoji: a headline with an emoji scores as its name written out") {
  const EmojiNames emoji = names();
  VaderScorer with(vader_lexicon(), &emoji);
  VaderScorer without(vader_lexicon());

  // profits 1.9, grinning 1.5 ("face" is not in the lexicon).
  const double up = with.compound("Exxon profits beat forecasts 😀");
  CHECK(up == without.compound("Exxon profits beat forecasts grinning face"));
  CHECK(up == doctest::Approx(norm(1.9 + 1.5)));
  CHECK(without.compound("Exxon profits beat forecasts 😀") == doctest::Approx(norm(1.9)));  // the emoji alone: 0

  // crash -1.7, crying -2.1; written against the word, as in the reference.
  const double down = with.compound("Tanker crash closes port😢");
  CHECK(down == without.compound("Tanker crash closes port crying face"));
  CHECK(down == doctest::Approx(norm(-1.7 - 2.1)));

  // The items are the translated words.
  with.score("😢");
  REQUIRE(with.items().size() == 2);
  CHECK(with.items()[0].lower == "crying");
  CHECK(with.valences()[0] == doctest::Approx(-2.1));
}

TEST_CASE("vader emoji: the lowercase name makes a capitalised headline mixed-case, as in the reference") {
  const EmojiNames emoji = names();
  VaderScorer with(vader_lexicon(), &emoji);
  VaderScorer without(vader_lexicon());
  // OPEC CUTS OUTPUT alone is all capitals: no emphasis. With "grinning face" after it,
  // "CUTS" is a capitalised word in mixed-case text: -1.2 - 0.733, plus grinning 1.5.
  CHECK(without.compound("OPEC CUTS OUTPUT") == doctest::Approx(norm(-1.2)));
  const double s = with.compound("OPEC CUTS OUTPUT 😀");
  CHECK(s == without.compound("OPEC CUTS OUTPUT grinning face"));
  CHECK(s == doctest::Approx(norm(-1.2 - 0.733 + 1.5)));
}

TEST_CASE("vader emoji: a body is split into sentences first, then each is translated") {
  const EmojiNames emoji = names();
  VaderScorer with(vader_lexicon(), &emoji);
  // "Profits rose 😀." and "A tanker crash 😢." score as written out, then average.
  const double body = text_score(with, "Profits rose 😀. A tanker crash 😢.");
  CHECK(body == doctest::Approx((norm(1.9 + 1.5) + norm(-1.7 - 2.1)) / 2));
}

TEST_CASE("vader emoji: the Reuters headlines score the same with the system's emoji table") {
  const std::filesystem::path file(kSystemEmojiFile);
  if (!std::filesystem::exists(file)) {
    MESSAGE("skipped: " << file.string() << " is not installed (scripts/setup installs unicode-data)");
    return;
  }
  const EmojiNames system = EmojiNames::load(file);
  VaderScorer with(vader_lexicon(), &system);
  VaderScorer without(vader_lexicon());
  for (const auto& a : sentiment_test::reuters_sample()) {
    CHECK(with.compound(a.headline) == without.compound(a.headline));
    CHECK(text_score(with, a.body) == text_score(without, a.body));
  }
  // And the real names reach the lexicon: U+1F600 is "grinning face" there too.
  CHECK(with.compound("Exxon profits beat forecasts 😀") == doctest::Approx(norm(1.9 + 1.5)));
}
