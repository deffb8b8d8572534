#include "self_test.hpp"

#include "decay.hpp"
#include "emoji_names.hpp"
#include "vader.hpp"

#include <mosaic/module.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace mosaic::sentiment {

namespace {

double norm(double x) { return x / std::sqrt(x * x + 15.0); }

void check_sentences() {
  Lexicon lexicon;
  lexicon.add("good", 1.9);  // VADER's mean valences
  lexicon.add("bad", -2.5);
  VaderScorer scorer(lexicon);
  struct Case {
    const char* text;
    double sum;  // the valence sum worked out by hand
  };
  const Case cases[] = {
      {"good", 1.9},
      {"not good", 1.9 * -0.74},                     // negation
      {"not at all good", 1.9 * -0.74},              // negation three tokens back
      {"very good", 1.9 + 0.293},                    // booster
      {"slightly bad", -2.5 + 0.293},                // dampener moves towards 0
      {"good but bad", 1.9 * 0.5 + -2.5 * 1.5},      // contrastive "but"
      {"GOOD news", 1.9 + 0.733},                    // capitals in mixed-case text
      {"GOOD NEWS", 1.9},                            // all capitals: no emphasis
      {"good!!", 1.9 + 2 * 0.292},                   // exclamation marks
      {"good!!!!!!", 1.9 + 4 * 0.292},               // at most four count
      {"not very good", (1.9 + 0.293) * -0.74},      // booster, then negation
      {"no news", 0.0},
  };
  for (const Case& c : cases)
    expect_near(scorer.compound(c.text), norm(c.sum), 1e-12, std::string("compound of '") + c.text + "'");
}

// The translation on a table of one emoji, independent of the system's emoji file.
void check_emoji() {
  Lexicon lexicon;
  lexicon.add("good", 1.9);
  lexicon.add("grinning", 1.5);
  EmojiNames names;
  names.add(0x1F600, "grinning face");
  VaderScorer scorer(lexicon, &names);
  expect_near(scorer.compound("good\xF0\x9F\x98\x80"), norm(1.9 + 1.5), 1e-12,
              "compound of 'good' followed by U+1F600, read as 'good grinning face'");
}

void check_decay() {
  // One asset, four bars, an item of 0.8 at bar 1, half-life 1 bar: 0, 0.8, 0.4, 0.2 when
  // fading; 0, 0.8, 0.8, 0.8 as a plain weighted mean.
  for (bool fade : {true, false}) {
    std::vector<double> column(4, -9.0);
    std::vector<std::span<double>> columns{column};
    std::vector<NewsEvent> events{{0, 1, 0.8}};
    const double coverage = decayed_average(events, columns, {1.0, fade});
    expect_near(coverage, 1.0, 0.0, "coverage");
    const double expected[] = {0.0, 0.8, fade ? 0.4 : 0.8, fade ? 0.2 : 0.8};
    for (size_t t = 0; t < 4; ++t)
      expect_near(column[t], expected[t], 1e-12, "decayed average at bar " + std::to_string(t));
  }
}

}  // namespace

void run_self_test(const Lexicon& loaded) {
  check_sentences();
  check_emoji();
  check_decay();
  VaderScorer scorer(loaded);
  if (loaded.size() == 0) throw Error(MOSAIC_ERR_SELF_TEST, "the loaded lexicon is empty");
  if (!(scorer.compound("good") > 0) || !(scorer.compound("bad") < 0))
    throw Error(MOSAIC_ERR_SELF_TEST, "the loaded lexicon does not read 'good' as positive and 'bad' as negative");
}

}  // namespace mosaic::sentiment
