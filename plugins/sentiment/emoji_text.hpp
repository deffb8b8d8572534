// VADER's first step (vaderSentiment 3.3.2, polarity_scores): emoji written out as words, so
// that the lexicon can score them ("grinning" 1.5, "crying" -2.1).
//
// The text is walked one code point at a time. A code point with a short name is replaced
// by that name, preceded by a space unless the text written so far ends in a space (' '
// only: a tab or line break before it gets a space as well); every other code point is
// copied. The result is trimmed of blanks at both ends. With U+1F600 (grinning face) as G,
// "goodG" reads "good grinning face", "GG" "grinning face grinning face", and, as in the
// reference, nothing is put after a name: "Ggood" reads "grinning facegood".
//
// Sequences are translated code point by code point, as in the reference: a skin tone
// reads as its own name ("thumbs up medium skin tone"), and joiners (U+200D) and
// presentation selectors (U+FE0F) stay where they were, glued to the last word of the name
// before them, which then matches no lexicon entry. Bytes that are not valid UTF-8 are
// copied as they are.
#pragma once

#include "emoji_names.hpp"

#include <string>
#include <string_view>

namespace mosaic::sentiment {

// Writes the translation of `text` into `out` (whose capacity is reused).
void replace_emoji(std::string_view text, const EmojiNames& names, std::string& out);

inline std::string replace_emoji(std::string_view text, const EmojiNames& names) {
  std::string out;
  replace_emoji(text, names, out);
  return out;
}

}  // namespace mosaic::sentiment
