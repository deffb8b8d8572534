// A sentiment lexicon: lowercase token (or short phrase) -> valence on VADER's scale,
// about -4 (most negative) to +4 (most positive).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mosaic::sentiment {

enum class LexiconKind {
  Vader,           // vader_lexicon.txt: token TAB mean TAB sd TAB [ten ratings]; mean in [-4, 4]
  AfinnFinancial,  // afinn165_financial.tsv: token TAB integer valence in [-5, 5]
};

// A lexicon file that is missing, unreadable or malformed: what() reads
// "FILE:LINE: message", or "FILE: message" when the whole file is at fault.
struct LexiconError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Lexicon {
 public:
  static constexpr std::string_view kVaderFile = "vader_lexicon.txt";
  static constexpr std::string_view kAfinnFinancialFile = "afinn165_financial.tsv";
  // AFINN valences (-5..5) are mapped onto VADER's scale (-4..4) by this factor, so that
  // both lexicons meet the same rule constants (booster 0.293, caps 0.733) and the same
  // normalisation (alpha 15): zero stays zero and the extremes meet.
  static constexpr double kAfinnScale = 4.0 / 5.0;

  // The file for `kind` inside `dir`.
  static std::filesystem::path file_in(const std::filesystem::path& dir, LexiconKind kind);
  static Lexicon load(const std::filesystem::path& dir, LexiconKind kind);
  static Lexicon load_vader(const std::filesystem::path& file);
  static Lexicon load_afinn_financial(const std::filesystem::path& file);

  // Adds an entry; the key is lowercased. When two entries differ only in case (":D" and
  // ":d"), the one written in lowercase wins, as in VADER, which looks words up lowercased.
  void add(std::string_view token, double valence);

  // The valence of a lowercase token or phrase ("fed up"), or nullptr.
  const double* find(std::string_view lower) const {
    auto it = entries_.find(lower);
    return it == entries_.end() ? nullptr : &it->second;
  }
  bool has(std::string_view lower) const { return find(lower) != nullptr; }
  size_t size() const { return entries_.size(); }
  // The most words in one entry (1 when there are no phrases).
  size_t max_phrase_words() const { return max_words_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, double, Hash, std::equal_to<>> entries_;
  size_t max_words_ = 1;
};

}  // namespace mosaic::sentiment
