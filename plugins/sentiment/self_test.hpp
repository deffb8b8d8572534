#pragma once

#include "lexicon.hpp"

namespace mosaic::sentiment {

// Scores hand-made sentences against a small built-in lexicon (VADER's valences for the
// few words used) and checks every rule's arithmetic, the decayed average, and that the
// loaded lexicon reads "good" as positive and "bad" as negative. Throws mosaic::Error
// (MOSAIC_ERR_SELF_TEST) naming the first wrong value.
void run_self_test(const Lexicon& loaded);

}  // namespace mosaic::sentiment
