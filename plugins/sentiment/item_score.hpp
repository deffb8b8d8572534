// One news item's score from its headline and (optionally) its body.
#pragma once

#include "vader.hpp"

#include <string_view>
#include <vector>

namespace mosaic::sentiment {

// Sentences of running text: a sentence ends at a run of '.', '!' or '?' followed by
// whitespace or the end of the text (so "U.S." mid-sentence splits too: an approximation
// that costs little, since each piece is scored on its own). Pieces are trimmed and keep
// their end punctuation; empty pieces are dropped.
std::vector<std::string_view> split_sentences(std::string_view text);

// The mean compound score of the sentences of `text`; 0 when it has none. VADER is made
// for sentence-sized text: summed over a whole article its compound saturates at +-1.
double text_score(VaderScorer& scorer, std::string_view text);

// The item's score in [-1, 1]:
//   (1 - body_weight) * compound(headline) + body_weight * text_score(body)
// The headline is scored as one piece. An item whose body is blank scores its headline
// alone, one whose headline is blank its body alone. Headline and body are scored
// separately because wires set headlines in capitals: in one text with a mixed-case body
// every headline word would count as ALL-CAPS emphasis.
double item_score(VaderScorer& scorer, std::string_view headline, std::string_view body, double body_weight);

}  // namespace mosaic::sentiment
