// A small lexicon with VADER's valences for the words the rule tests use, so that every
// expected score can be worked out by hand.
#pragma once

#include "lexicon.hpp"
#include "vader.hpp"

#include <cmath>

namespace sentiment_test {

inline mosaic::sentiment::Lexicon small_lexicon() {
  mosaic::sentiment::Lexicon lexicon;
  lexicon.add("good", 1.9);
  lexicon.add("bad", -2.5);
  lexicon.add("great", 3.1);
  lexicon.add("kind", 2.4);  // "kind of" must not score it
  lexicon.add("no", -1.2);
  lexicon.add("fed up", -1.8);
  lexicon.add(":)", 2.0);
  lexicon.add("tx", 1.5);      // slang for "thanks": also Texaco's ticker
  lexicon.add("united", 1.8);  // also part of company names
  lexicon.add("l", 2.0);       // an emoticon in VADER's lexicon; an initial in news
  return lexicon;
}

// VADER's normalisation, written out: x / sqrt(x^2 + 15).
inline double norm(double x) { return x / std::sqrt(x * x + 15.0); }

}  // namespace sentiment_test
