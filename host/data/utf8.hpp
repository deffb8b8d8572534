// Text from outside (price and news files, configs, HTTP paths, module contracts) must be
// UTF-8 before it reaches JSON, and what an error message quotes of it must be bounded: a
// 10 MB cell must not become a 10 MB message.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mosaic::host {

// The offset of the first byte that does not begin or continue a valid UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF included); nullopt when
// `text` is valid UTF-8.
std::optional<size_t> utf8_error(std::string_view text);

inline bool is_utf8(std::string_view text) { return !utf8_error(text); }

// `text` whole, with every byte that is not valid UTF-8 written as \xNN: for text from
// outside that is kept (a module's error message), where refusing it would lose the news.
std::string to_valid_utf8(std::string_view text);

// `text` as an error message may quote it: at most `max_bytes` of it (cut at a character
// boundary) then "... (N bytes)", with every byte that is not valid UTF-8 or is a control
// character written as \xNN.
std::string excerpt(std::string_view text, size_t max_bytes = 60);

}  // namespace mosaic::host
