// Emoji written out as their names, with the reference's spacing (vaderSentiment 3.3.2,
// polarity_scores): a space before a name unless the text so far ends in ' ', none after.
#include <doctest/doctest.h>

#include "emoji_names.hpp"
#include "emoji_text.hpp"

#include <string>

using mosaic::sentiment::EmojiNames;
using mosaic::sentiment::replace_emoji;

namespace {

EmojiNames names() {
  EmojiNames n;
  n.add(0x1F600, "grinning face");
  n.add(0x1F44D, "thumbs up");
  n.add(0x1F3FD, "medium skin tone");
  n.add(0x2764, "red heart");
  n.add(0x00A9, "copyright");
  return n;
}

std::string tr(std::string_view text) { return replace_emoji(text, names()); }

}  // namespace

TEST_CASE("emoji text: spacing as in the reference") {
  CHECK(tr("good😀") == "good grinning face");
  CHECK(tr("good 😀") == "good grinning face");  // no second space
  CHECK(tr("😀😀") == "grinning face grinning face");
  CHECK(tr("😀 good") == "grinning face good");  // a leading name gets no space
  CHECK(tr("😀good") == "grinning facegood");    // nothing is put after a name
  CHECK(tr("good😀!") == "good grinning face!");
  CHECK(tr("good\t😀") == "good\t grinning face");  // only ' ' counts as a space before it
  CHECK(tr("  😀  ") == "grinning face");            // the result is trimmed
  CHECK(tr("Shares \xC2\xA9 2024") == "Shares copyright 2024");  // U+00A9, two bytes
}

TEST_CASE("emoji text: text without emoji is unchanged") {
  CHECK(tr("") == "");
  CHECK(tr("KUWAIT SAYS NO PLANS FOR EMERGENCY OPEC TALKS") == "KUWAIT SAYS NO PLANS FOR EMERGENCY OPEC TALKS");
  CHECK(tr("Z\xC3\xBCrich caf\xC3\xA9 \xE2\x80\x93 <TX> :) 100%") ==
        "Z\xC3\xBCrich caf\xC3\xA9 \xE2\x80\x93 <TX> :) 100%");  // other UTF-8 passes through
  CHECK(replace_emoji("good😀", EmojiNames()) == "good😀");      // an empty table translates nothing
}

TEST_CASE("emoji text: sequences are translated code point by code point") {
  CHECK(tr("👍🏽") == "thumbs up medium skin tone");  // U+1F44D U+1F3FD
  // U+2764 U+FE0F: the presentation selector stays, glued to the name.
  CHECK(tr("❤️ news") == "red heart\xEF\xB8\x8F news");
  // A joiner (U+200D) stays too; the next emoji still gets its space.
  CHECK(tr("😀\xE2\x80\x8D😀") == "grinning face\xE2\x80\x8D grinning face");
}

TEST_CASE("emoji text: bytes that are not UTF-8 are copied") {
  CHECK(tr("good\xFF😀") == "good\xFF grinning face");
  CHECK(tr("good \xF0\x9F\x98") == "good \xF0\x9F\x98");        // U+1F600 cut short
  CHECK(tr("\xC0\xA9 \xE0\x82\xA9") == "\xC0\xA9 \xE0\x82\xA9");  // overlong forms of U+00A9
  CHECK(tr("\xED\xA0\x80") == "\xED\xA0\x80");                    // a surrogate
}

TEST_CASE("emoji text: the output buffer is reused") {
  std::string out = "left over from before";
  replace_emoji("😀", names(), out);
  CHECK(out == "grinning face");
  replace_emoji(" plain ", names(), out);
  CHECK(out == "plain");
}
