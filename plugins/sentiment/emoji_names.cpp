#include "emoji_names.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <system_error>
#include <vector>

namespace mosaic::sentiment {

namespace {

constexpr std::array<std::string_view, 4> kStatuses = {"fully-qualified", "minimally-qualified", "unqualified",
                                                       "component"};

std::string located(const std::string& source, size_t line, const std::string& message) {
  return source + ":" + std::to_string(line) + ": " + message;
}

// Whitespace-separated words of `text`.
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && is_space(text[pos])) ++pos;
    const size_t start = pos;
    while (pos < text.size() && !is_space(text[pos])) ++pos;
    if (pos > start) out.push_back(text.substr(start, pos - start));
  }
  return out;
}

bool parse_code_point(std::string_view hex, char32_t& code_point) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
  if (ec != std::errc() || end != hex.data() + hex.size() || hex.size() > 6) return false;
  if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
  code_point = static_cast<char32_t>(value);
  return true;
}

// "E1.0", the Emoji version that files since Emoji 13 put before the name.
bool is_emoji_version(std::string_view word) {
  if (word.size() < 4 || word[0] != 'E') return false;
  const size_t dot = word.find('.');
  if (dot == std::string_view::npos || dot == 1 || dot + 1 == word.size()) return false;
  for (size_t i = 1; i < word.size(); ++i)
    if (i != dot && !is_digit(word[i])) return false;
  return true;
}

// The short name from the comment "EMOJI [E<version>] NAME": the words after the emoji
// (and the version), joined by single spaces, as VADER's table has them.
std::string short_name(std::string_view comment) {
  const auto parts = words(comment);
  size_t first = 1;  // parts[0] is the emoji itself
  if (parts.size() > first && is_emoji_version(parts[first])) ++first;
  std::string name;
  for (size_t i = first; i < parts.size(); ++i) {
    if (!name.empty()) name += ' ';
    name.append(parts[i]);
  }
  return name;
}

}  // namespace

void EmojiNames::add(char32_t code_point, std::string name) {
  names_.insert_or_assign(code_point, std::move(name));
  if (code_point < lowest_) lowest_ = code_point;
}

EmojiNames EmojiNames::parse(std::istream& in, const std::string& source) {
  EmojiNames names;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    const size_t semicolon = text.find(';');
    const size_t hash = text.find('#', semicolon == std::string_view::npos ? 0 : semicolon);
    if (semicolon == std::string_view::npos || hash == std::string_view::npos)
      throw EmojiFileError(located(source, number, "expected 'code points ; status # emoji name'"));

    const auto code_points = words(text.substr(0, semicolon));
    if (code_points.empty()) throw EmojiFileError(located(source, number, "no code point before ';'"));
    char32_t first = 0;
    for (size_t i = 0; i < code_points.size(); ++i) {
      char32_t code_point = 0;
      if (!parse_code_point(code_points[i], code_point))
        throw EmojiFileError(
            located(source, number, "'" + std::string(code_points[i]) + "' is not a code point in hex"));
      if (i == 0) first = code_point;
    }
    const std::string_view status = trim(text.substr(semicolon + 1, hash - semicolon - 1));
    if (std::find(kStatuses.begin(), kStatuses.end(), status) == kStatuses.end())
      throw EmojiFileError(located(source, number, "unknown status '" + std::string(status) + "'"));
    if (code_points.size() != 1) continue;  // a sequence: never matched code point by code point

    std::string name = short_name(text.substr(hash + 1));
    if (name.empty()) throw EmojiFileError(located(source, number, "no name after the emoji"));
    names.add(first, std::move(name));
  }
  if (in.bad()) throw EmojiFileError(source + ": cannot read the file");
  if (names.empty()) throw EmojiFileError(source + ": no emoji of a single code point (is this emoji-test.txt?)");
  return names;
}

EmojiNames EmojiNames::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(file, ec);
    throw EmojiFileError(file.string() + ": cannot open the file" +
                         (ec || absolute == file ? std::string() : " (resolved to " + absolute.string() + ")"));
  }
  return parse(in, file.string());
}

}  // namespace mosaic::sentiment
