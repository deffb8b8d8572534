#include "lexicon.hpp"

#include "ascii.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <system_error>
#include <vector>

namespace mosaic::sentiment {

namespace {

std::string located(const std::filesystem::path& file, size_t line, const std::string& message) {
  return file.string() + ":" + std::to_string(line) + ": " + message;
}

// Calls `row(line, fields)` for every non-blank line of a tab-separated file.
void for_each_row(const std::filesystem::path& file,
                  const std::function<void(size_t, const std::vector<std::string_view>&)>& row) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(file, ec);
    throw LexiconError(file.string() + ": cannot open the lexicon file" +
                       (ec || absolute == file ? std::string() : " (resolved to " + absolute.string() + ")"));
  }
  std::string line;
  std::vector<std::string_view> fields;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    fields.clear();
    std::string_view rest(line);
    while (true) {
      const size_t tab = rest.find('\t');
      fields.push_back(rest.substr(0, tab));
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    row(number, fields);
  }
  if (in.bad()) throw LexiconError(file.string() + ": cannot read the lexicon file");
  if (number == 0) throw LexiconError(file.string() + ": the lexicon file is empty");
}

template <class T>
bool parse_number(std::string_view text, T& value) {
  text = trim(text);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

void Lexicon::add(std::string_view token, double valence) {
  std::string key = ascii_lowercase(token);
  const bool written_lowercase = key == token;
  auto [it, inserted] = entries_.try_emplace(key, valence);
  if (!inserted && written_lowercase) it->second = valence;
  size_t words = 1;
  for (char c : key) words += c == ' ' ? 1 : 0;
  max_words_ = std::max(max_words_, words);
}

std::filesystem::path Lexicon::file_in(const std::filesystem::path& dir, LexiconKind kind) {
  return dir / (kind == LexiconKind::Vader ? kVaderFile : kAfinnFinancialFile);
}

Lexicon Lexicon::load(const std::filesystem::path& dir, LexiconKind kind) {
  const auto file = file_in(dir, kind);
  return kind == LexiconKind::Vader ? load_vader(file) : load_afinn_financial(file);
}

Lexicon Lexicon::load_vader(const std::filesystem::path& file) {
  Lexicon lexicon;
  for_each_row(file, [&](size_t line, const std::vector<std::string_view>& fields) {
    if (fields.size() < 2)
      throw LexiconError(located(file, line, "expected token TAB mean valence TAB sd TAB ratings"));
    if (trim(fields[0]).empty()) throw LexiconError(located(file, line, "the token is empty"));
    double mean = 0;
    if (!parse_number(fields[1], mean) || !std::isfinite(mean) || mean < -4.0 || mean > 4.0)
      throw LexiconError(located(file, line, "mean valence '" + std::string(fields[1]) +
                                                 "' is not a number in [-4, 4]"));
    lexicon.add(trim(fields[0]), mean);
  });
  return lexicon;
}

Lexicon Lexicon::load_afinn_financial(const std::filesystem::path& file) {
  Lexicon lexicon;
  for_each_row(file, [&](size_t line, const std::vector<std::string_view>& fields) {
    if (fields.size() != 2)
      throw LexiconError(located(file, line, "expected token TAB integer valence, found " +
                                                 std::to_string(fields.size()) + " fields"));
    if (trim(fields[0]).empty()) throw LexiconError(located(file, line, "the token is empty"));
    int valence = 0;
    if (!parse_number(fields[1], valence) || valence < -5 || valence > 5)
      throw LexiconError(located(file, line, "valence '" + std::string(fields[1]) +
                                                 "' is not an integer in [-5, 5]"));
    lexicon.add(trim(fields[0]), valence * kAfinnScale);
  });
  return lexicon;
}

}  // namespace mosaic::sentiment
