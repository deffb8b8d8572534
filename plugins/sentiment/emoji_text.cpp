#include "emoji_text.hpp"

#include "ascii.hpp"

namespace mosaic::sentiment {

namespace {

constexpr bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The code point whose UTF-8 encoding starts at text[pos] and its length in bytes, or
// length 0 when the bytes there are not well-formed UTF-8 (overlong forms and surrogates
// included), which Python's str, the reference's input, can never hold.
size_t decode_utf8(std::string_view text, size_t pos, char32_t& code_point) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (pos + length > text.size() || byte(1) < low || byte(1) > high) return 0;
  char32_t value = lead & (0xFF >> (length + 1));
  for (size_t i = 1; i < length; ++i) {
    if (!is_continuation(byte(i))) return 0;
    value = (value << 6) | (byte(i) & 0x3F);
  }
  code_point = value;
  return length;
}

}  // namespace

void replace_emoji(std::string_view text, const EmojiNames& names, std::string& out) {
  out.clear();
  bool after_space = true;  // nothing written yet: no space before a leading name
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t code_point = 0;
    size_t length = decode_utf8(text, pos, code_point);
    const std::string* name = length > 0 ? names.find(code_point) : nullptr;
    if (length == 0) length = 1;
    if (name) {
      if (!after_space) out += ' ';
      out += *name;
      after_space = false;
    } else {
      out.append(text.substr(pos, length));
      after_space = length == 1 && text[pos] == ' ';
    }
    pos += length;
  }
  const std::string_view kept = trim(out);
  const auto offset = static_cast<size_t>(kept.data() - out.data());
  const size_t size = kept.size();
  out.erase(0, offset);
  out.resize(size);
}

}  // namespace mosaic::sentiment
