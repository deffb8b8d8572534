// ASCII text helpers. Sentiment words, tickers and punctuation rules are ASCII; other
// bytes (UTF-8 letters) pass through untouched and are never upper- or lowercase.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace mosaic::sentiment {

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }
constexpr char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// Python's string.punctuation: the ASCII characters VADER strips from the ends of a word.
constexpr bool is_punctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

inline std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), to_lower);
  return out;
}

inline std::string ascii_uppercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), to_upper);
  return out;
}

// At least one letter and no lowercase letter (Python's str.isupper on ASCII text).
inline bool is_all_caps(std::string_view s) {
  bool letter = false;
  for (char c : s) {
    if (is_lower(c)) return false;
    letter = letter || is_upper(c);
  }
  return letter;
}

}  // namespace mosaic::sentiment
