// Emoji short names ("grinning face") by code point, read from Unicode's emoji-test.txt,
// the file VADER's own emoji lexicon was built from. Debian's unicode-data package ships it
// as /usr/share/unicode/emoji/emoji-test.txt; nothing of it is copied into this project.
//
// A data line reads "CODE POINTS ; STATUS # EMOJI E<version> SHORT NAME", e.g.
//   1F600 ; fully-qualified # <the emoji itself> E1.0 grinning face
// (files before Emoji 13 have no E<version>). Lines starting with '#' (comments, group and
// subgroup headers, the status counts) and blank lines carry no entry.
//
// Only entries of one code point are kept, whatever their status: VADER walks text one code
// point at a time, so a sequence (flags, keycaps, skin-toned or ZWJ emoji, and any emoji
// followed by the presentation selector U+FE0F) can never match there. Kept are then the
// fully-qualified emoji, the components (skin tones U+1F3FB..U+1F3FF, hair styles), and the
// unqualified ones: text-style emoji such as U+2764 (red heart), whose fully-qualified form
// is U+2764 U+FE0F. VADER's lexicon has those single code points too: U+2764 becomes "red
// heart" there, and here, with or without a U+FE0F after it (which stays in the text). The
// minimally-qualified entries are all sequences.
#pragma once

#include <cstddef>
#include <filesystem>
#include <istream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mosaic::sentiment {

// Where Debian's unicode-data package puts the file.
inline constexpr std::string_view kSystemEmojiFile = "/usr/share/unicode/emoji/emoji-test.txt";
inline constexpr std::string_view kEmojiPackage = "unicode-data";

// A file that is missing, unreadable, malformed or without a single-code-point entry:
// what() reads "FILE:LINE: message", or "FILE: message" when the whole file is at fault.
struct EmojiFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class EmojiNames {
 public:
  static EmojiNames load(const std::filesystem::path& file);
  // `source` names the stream in errors.
  static EmojiNames parse(std::istream& in, const std::string& source);

  // A later entry for the same code point replaces the earlier one, as in VADER's table.
  void add(char32_t code_point, std::string name);

  const std::string* find(char32_t code_point) const {
    if (code_point < lowest_) return nullptr;  // all of ASCII, in practice: no hash lookup
    auto it = names_.find(code_point);
    return it == names_.end() ? nullptr : &it->second;
  }
  bool empty() const { return names_.empty(); }
  size_t size() const { return names_.size(); }
  const std::unordered_map<char32_t, std::string>& entries() const { return names_; }

 private:
  std::unordered_map<char32_t, std::string> names_;
  char32_t lowest_ = 0x110000;  // above every code point while empty
};

}  // namespace mosaic::sentiment
