// Reading emoji short names from Unicode's emoji-test.txt: which lines give an entry, and
// refusing malformed files with the line.
#include <doctest/doctest.h>

#include "support/plugin_fixture.hpp"

#include "emoji_names.hpp"

#include <filesystem>
#include <map>
#include <string>

using mosaic::sentiment::EmojiFileError;
using mosaic::sentiment::EmojiNames;

namespace {

// An excerpt in the file's own layout (Emoji 15.0), with one line of the older layout
// without the E<version> field, and a CRLF line.
constexpr std::string_view kExcerpt =
    "# emoji-test.txt\n"
    "# Version: 15.0\n"
    "#     Code points \xE2\x80\x94 list of one or more hex code points, separated by spaces\n"
    "\n"
    "# group: Smileys & Emotion\n"
    "\n"
    "# subgroup: face-smiling\n"
    "1F600                                                  ; fully-qualified     # 😀 E1.0 grinning face\n"
    "1F642                                                  ; fully-qualified     # 🙂 E1.0 slightly smiling face\n"
    "1F923 ; fully-qualified # 🤣 rolling on the floor laughing\n"
    "263A FE0F                                              ; fully-qualified     # ☺️ E0.6 smiling face\n"
    "263A                                                   ; unqualified         # ☺ E0.6 smiling face\n"
    "1F636 200D 1F32B FE0F                                  ; fully-qualified     # 😶‍🌫️ E13.1 face in clouds\n"
    "1F636 200D 1F32B                                       ; minimally-qualified # 😶‍🌫 E13.1 face in clouds\n"
    "\n"
    "# subgroup: heart\n"
    "2764 200D 1F525                                        ; unqualified         # ❤‍🔥 E13.1 heart on fire\n"
    "2764                                                   ; unqualified         # ❤ E0.6 red heart\r\n"
    "# subgroup: hand-fingers-closed\n"
    "1F44D                                                  ; fully-qualified     # 👍 E0.6 thumbs up\n"
    "1F44D 1F3FD                                            ; fully-qualified     # 👍🏽 E1.0 thumbs up: medium skin tone\n"
    "# subgroup: skin-tone\n"
    "1F3FD                                                  ; component           # 🏽 E1.0 medium skin tone\n"
    "# subgroup: keycap\n"
    "0023 FE0F 20E3                                         ; fully-qualified     # #️⃣ E0.6 keycap: #\n"
    "0023 20E3                                              ; unqualified         # #⃣ E0.6 keycap: #\n"
    "1F1E8 1F1ED                                            ; fully-qualified     # 🇨🇭 E2.0 flag: Switzerland\n"
    "\n"
    "# Smileys & Emotion subtotal:\t\t184\n"
    "# Status Counts\n"
    "# fully-qualified : 3655\n"
    "#EOF\n";

std::map<char32_t, std::string> sorted(const EmojiNames& names) {
  return {names.entries().begin(), names.entries().end()};
}

std::string load_error(const std::filesystem::path& file) {
  try {
    EmojiNames::load(file);
  } catch (const EmojiFileError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("emoji names: an excerpt gives its single code points, whatever their status") {
  mosaic_test::TempDir dir("emoji");
  const EmojiNames names = EmojiNames::load(dir.write("emoji-test.txt", kExcerpt));
  // Sequences (skin-toned, ZWJ, keycap, flag, and emoji + U+FE0F) are left out; the
  // unqualified U+263A and U+2764 and the component U+1F3FD are kept.
  const std::map<char32_t, std::string> expected = {
      {0x1F600, "grinning face"}, {0x1F642, "slightly smiling face"}, {0x1F923, "rolling on the floor laughing"},
      {0x263A, "smiling face"},   {0x2764, "red heart"},              {0x1F44D, "thumbs up"},
      {0x1F3FD, "medium skin tone"},
  };
  CHECK(sorted(names) == expected);
  REQUIRE(names.find(0x1F600));
  CHECK(*names.find(0x1F600) == "grinning face");
  CHECK_FALSE(names.find('#'));
  CHECK_FALSE(names.find(0xFE0F));
}

TEST_CASE("emoji names: a later line for the same code point wins") {
  mosaic_test::TempDir dir("emoji");
  const auto file = dir.write("e.txt", "1F600 ; fully-qualified # x E1.0 grinning face\n"
                                       "1F600 ; fully-qualified # x E1.0 grinning  face   again\n");
  CHECK(sorted(EmojiNames::load(file)) == std::map<char32_t, std::string>{{0x1F600, "grinning face again"}});
}

TEST_CASE("emoji names: missing and malformed files are refused with file and line") {
  mosaic_test::TempDir dir("emoji");
  CHECK(load_error(dir / "none.txt") == (dir / "none.txt").string() + ": cannot open the file");
  const std::string rel = load_error("relative/emoji-test.txt");
  CHECK(rel.find("resolved to " + (std::filesystem::current_path() / "relative/emoji-test.txt").string()) !=
        std::string::npos);

  const auto no_status = dir.write("a.txt", "# c\n1F600 fully-qualified # x grinning face\n");
  CHECK(load_error(no_status) == no_status.string() + ":2: expected 'code points ; status # emoji name'");
  const auto bad_hex = dir.write("b.txt", "1F60G ; fully-qualified # x grinning face\n");
  CHECK(load_error(bad_hex) == bad_hex.string() + ":1: '1F60G' is not a code point in hex");
  const auto surrogate = dir.write("c.txt", "D800 ; fully-qualified # x nothing\n");
  CHECK(load_error(surrogate) == surrogate.string() + ":1: 'D800' is not a code point in hex");
  const auto status = dir.write("d.txt", "1F600 ; fully ; qualified # x grinning face\n");
  CHECK(load_error(status) == status.string() + ":1: unknown status 'fully ; qualified'");
  const auto no_name = dir.write("e.txt", "1F600 ; fully-qualified # x E1.0\n");
  CHECK(load_error(no_name) == no_name.string() + ":1: no name after the emoji");
  const auto only_sequences = dir.write("f.txt", "# group: Flags\n1F1E8 1F1ED ; fully-qualified # x E2.0 flag: Switzerland\n");
  CHECK(load_error(only_sequences) == only_sequences.string() + ": no emoji of a single code point (is this emoji-test.txt?)");
  CHECK(load_error(dir.path()) == dir.path().string() + ": cannot read the file");  // a folder
}

TEST_CASE("emoji names: the system's emoji-test.txt (Debian package unicode-data)") {
  const std::filesystem::path file(mosaic::sentiment::kSystemEmojiFile);
  if (!std::filesystem::exists(file)) {
    MESSAGE("skipped: " << file.string() << " is not installed (scripts/setup installs unicode-data)");
    return;
  }
  const EmojiNames names = EmojiNames::load(file);
  CHECK(names.size() > 1200);  // 1,386 in Emoji 15.0; VADER's older table has 1,212
  const auto name = [&](char32_t c) { return names.find(c) ? *names.find(c) : std::string("(none)"); };
  CHECK(name(0x1F600) == "grinning face");
  CHECK(name(0x1F44D) == "thumbs up");
  CHECK(name(0x1F44E) == "thumbs down");
  CHECK(name(0x1F622) == "crying face");
  CHECK(name(0x2764) == "red heart");  // unqualified: its fully-qualified form adds U+FE0F
  CHECK(name(0x1F3FB) == "light skin tone");
  for (char32_t c : {char32_t{'#'}, char32_t{'1'}, char32_t{'*'}, char32_t{0x200D}, char32_t{0xFE0F}})
    CHECK_FALSE(names.find(c));  // keycap bases and joiners only occur inside sequences
}
