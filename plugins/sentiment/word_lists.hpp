// The small closed word lists of VADER's rules (Hutto & Gilbert 2014): negations and the
// booster / dampener words. Written out here from the published lists; every entry is
// lowercase, and each list is sorted so lookups are a binary search over constant data
// (no static objects with destructors in the module).
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace mosaic::sentiment {

// Words that negate a sentiment-laden word up to three tokens after them. Any token
// containing "n't" negates too (see is_negation).
inline constexpr std::array<std::string_view, 59> kNegations = {
    "ain't", "aint", "aren't", "arent", "can't", "cannot", "cant", "couldn't", "couldnt",
    "daren't", "darent", "despite", "didn't", "didnt", "doesn't", "doesnt", "don't", "dont",
    "hadn't", "hadnt", "hasn't", "hasnt", "haven't", "havent", "isn't", "isnt", "mightn't",
    "mightnt", "mustn't", "mustnt", "needn't", "neednt", "neither", "never", "none", "nope", "nor",
    "not", "nothing", "nowhere", "oughtn't", "oughtnt", "rarely", "seldom", "shan't", "shant",
    "shouldn't", "shouldnt", "uh-uh", "uhuh", "wasn't", "wasnt", "weren't", "werent", "without",
    "won't", "wont", "wouldn't", "wouldnt"};

// Degree adverbs that intensify the sentiment word they precede (VADER's B_INCR words).
inline constexpr std::array<std::string_view, 56> kBoosters = {
    "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
    "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
    "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flippin", "flipping",
    "frackin", "fracking", "frickin", "fricking", "friggin", "frigging", "fully", "greatly",
    "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly",
    "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so",
    "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously", "uber",
    "unbelievably", "unusually", "utter", "utterly", "very"};

// Degree adverbs that soften it (VADER's B_DECR words). The two-word entries are matched
// as phrases: the tokenizer joins "kind of" into one item.
inline constexpr std::array<std::string_view, 24> kDampeners = {
    "almost", "barely", "hardly", "just enough", "kind of", "kind-of", "kinda", "kindof", "less",
    "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce",
    "scarcely", "slight", "slightly", "somewhat", "sort of", "sort-of", "sorta", "sortof"};

static_assert(std::is_sorted(kNegations.begin(), kNegations.end()));
static_assert(std::is_sorted(kBoosters.begin(), kBoosters.end()));
static_assert(std::is_sorted(kDampeners.begin(), kDampeners.end()));

// The longest phrase (in words) among the booster and dampener entries.
inline constexpr size_t kMaxBoosterPhraseWords = 2;

template <size_t N>
constexpr bool contains(const std::array<std::string_view, N>& list, std::string_view lower) {
  return std::binary_search(list.begin(), list.end(), lower);
}

// `lower` is a lowercase token.
constexpr bool is_negation(std::string_view lower) {
  return contains(kNegations, lower) || lower.find("n't") != std::string_view::npos;
}

// +1 for a booster, -1 for a dampener, 0 for any other token (lowercase).
constexpr int booster_direction(std::string_view lower) {
  if (contains(kBoosters, lower)) return 1;
  if (contains(kDampeners, lower)) return -1;
  return 0;
}

}  // namespace mosaic::sentiment
