#include "host/config/toml_guard.hpp"

#include "host/config/config_error.hpp"
#include "host/data/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mosaic::host {

void check_toml_text(std::string_view text, const std::filesystem::path& file) {
  const auto line_at = [&](size_t at) {
    return static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
  };
  if (const auto bad = utf8_error(text))
    throw ConfigError(file.string(), line_at(*bad), "",
                      fmt::format("the text is not UTF-8 (byte 0x{:02X}); a config must be UTF-8",
                                  static_cast<unsigned char>(text[*bad])));
  // One pass over the text, skipping strings (basic and literal, one-line and multi-line,
  // with escapes in basic ones) and comments; anything else non-ASCII is an error.
  size_t i = 0;
  const size_t n = text.size();
  auto starts = [&](size_t at, std::string_view token) { return text.substr(at, token.size()) == token; };
  while (i < n) {
    const char c = text[i];
    if (c == '#') {
      while (i < n && text[i] != '\n') ++i;
    } else if (starts(i, "\"\"\"") || starts(i, "'''")) {
      const std::string_view close = text.substr(i, 3);
      const bool basic = c == '"';
      i += 3;
      while (i < n && !starts(i, close)) i += (basic && text[i] == '\\') ? 2 : 1;
      i += 3;
      while (i < n && text[i] == c) ++i;  // up to two quotes may end the content
    } else if (c == '"' || c == '\'') {
      ++i;
      while (i < n && text[i] != c && text[i] != '\n') i += (c == '"' && text[i] == '\\') ? 2 : 1;
      ++i;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      size_t end = i;
      while (end < n && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
      const std::string shown = excerpt(text.substr(i, end - i));
      throw ConfigError(file.string(), line_at(i), "",
                        fmt::format("'{}' outside a quoted string: bare keys and values other than strings are "
                                    "ASCII; quote a key that needs other characters (\"{}\" = ...)",
                                    shown, shown));
    } else {
      ++i;
    }
  }
}

}  // namespace mosaic::host
