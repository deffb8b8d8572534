// Loading the two shipped lexicons (data/) and refusing malformed files with the line.
#include <doctest/doctest.h>

#include "support/plugin_fixture.hpp"

#include "lexicon.hpp"
#include "vader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

using mosaic::sentiment::Lexicon;
using mosaic::sentiment::LexiconError;
using mosaic::sentiment::LexiconKind;

namespace {

const std::filesystem::path kData = MOSAIC_DATA_DIR;

std::string load_error(const std::filesystem::path& file, LexiconKind kind) {
  try {
    if (kind == LexiconKind::Vader) Lexicon::load_vader(file);
    else Lexicon::load_afinn_financial(file);
  } catch (const LexiconError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("lexicon: VADER's file loads with its mean valences") {
  const Lexicon lexicon = Lexicon::load(kData, LexiconKind::Vader);
  // 7,517 lines; 26 emoticons differ from another only in case (":D" and ":d") and share its key.
  CHECK(lexicon.size() == 7491);
  REQUIRE(lexicon.find("good"));
  CHECK(*lexicon.find("good") == 1.9);
  CHECK(*lexicon.find("bad") == -2.5);
  CHECK(*lexicon.find("$:") == -1.5);  // the first line
  CHECK(*lexicon.find("fraud") == -2.8);
  // Phrases are kept as one entry.
  REQUIRE(lexicon.find("can't stand"));
  CHECK(*lexicon.find("can't stand") == -2.0);
  CHECK(lexicon.max_phrase_words() >= 2);
  CHECK_FALSE(lexicon.find("Good"));  // lookups are lowercase
}

TEST_CASE("lexicon: AFINN-165 financial loads, scaled by 4/5 onto VADER's range") {
  const Lexicon lexicon = Lexicon::load(kData, LexiconKind::AfinnFinancial);
  CHECK(lexicon.size() == 3555);
  CHECK(*lexicon.find("abandon") == doctest::Approx(-2 * 0.8));
  CHECK(*lexicon.find("good") == doctest::Approx(3 * 0.8));
  CHECK(*lexicon.find("bankruptcy") == doctest::Approx(-3 * 0.8));
  CHECK(*lexicon.find("does not work") == doctest::Approx(-3 * 0.8));  // a three-word phrase
  CHECK(lexicon.max_phrase_words() == 3);
  double lo = 0, hi = 0;
  for (const char* w : {"good", "bad", "fraud", "win", "outstanding", "catastrophic", "superb"}) {
    if (const double* v = lexicon.find(w)) {
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    }
  }
  CHECK(lo >= -4.0);
  CHECK(hi <= 4.0);
}

TEST_CASE("lexicon: the same sentence under both lexicons") {
  const Lexicon vader = Lexicon::load(kData, LexiconKind::Vader);
  const Lexicon afinn = Lexicon::load(kData, LexiconKind::AfinnFinancial);
  mosaic::sentiment::VaderScorer v(vader), a(afinn);
  // VADER: good 1.9 -> 1.9 / sqrt(1.9^2 + 15); AFINN: good 3 -> 2.4 / sqrt(2.4^2 + 15).
  CHECK(v.compound("good") == doctest::Approx(1.9 / std::sqrt(1.9 * 1.9 + 15)));
  CHECK(a.compound("good") == doctest::Approx(2.4 / std::sqrt(2.4 * 2.4 + 15)));
  CHECK(v.compound("Profits fell sharply after the fraud") < 0);
  CHECK(a.compound("Profits fell sharply after the fraud") < 0);
  CHECK(v.compound("Record profits and strong growth") > 0.5);
  CHECK(a.compound("Record profits and strong growth") > 0.5);
}

TEST_CASE("lexicon: a missing file or folder is named") {
  const std::string e = load_error(kData / "no_such_lexicon.txt", LexiconKind::Vader);
  CHECK(e.find("no_such_lexicon.txt: cannot open the lexicon file") != std::string::npos);
  // A relative path says where it was looked for.
  const std::string rel = load_error("relative/dir/vader_lexicon.txt", LexiconKind::Vader);
  CHECK(rel.find("resolved to " + (std::filesystem::current_path() / "relative/dir/vader_lexicon.txt").string()) !=
        std::string::npos);
}

TEST_CASE("lexicon: malformed lines are refused with file and line") {
  mosaic_test::TempDir dir("lexicon");
  const auto vader = dir.write("v.txt", "good\t1.9\t0.9\t[2, 2]\n\nbad\tworse\t1\t[]\n");
  CHECK(load_error(vader, LexiconKind::Vader) == vader.string() + ":3: mean valence 'worse' is not a number in [-4, 4]");
  const auto range = dir.write("r.txt", "good\t7.5\t0.9\t[]\n");
  CHECK(load_error(range, LexiconKind::Vader) == range.string() + ":1: mean valence '7.5' is not a number in [-4, 4]");
  const auto fields = dir.write("f.txt", "good\n");
  CHECK(load_error(fields, LexiconKind::Vader) ==
        fields.string() + ":1: expected token TAB mean valence TAB sd TAB ratings");
  const auto afinn = dir.write("a.tsv", "good\t3\r\nbad\t-2.5\r\n");
  CHECK(load_error(afinn, LexiconKind::AfinnFinancial) == afinn.string() + ":2: valence '-2.5' is not an integer in [-5, 5]");
  const auto extra = dir.write("e.tsv", "good\t3\textra\n");
  CHECK(load_error(extra, LexiconKind::AfinnFinancial) == extra.string() + ":1: expected token TAB integer valence, found 3 fields");
  const auto empty = dir.write("empty.tsv", "");
  CHECK(load_error(empty, LexiconKind::AfinnFinancial) == empty.string() + ": the lexicon file is empty");
  const auto ok = dir.write("ok.tsv", "good\t3\r\n\r\nBad\t-3\n");  // CRLF, blank lines, capitals
  const Lexicon lexicon = Lexicon::load_afinn_financial(ok);
  CHECK(lexicon.size() == 2);
  CHECK(*lexicon.find("bad") == doctest::Approx(-2.4));
}

TEST_CASE("lexicon: a lowercase entry wins over a capitalised duplicate") {
  Lexicon lexicon;
  lexicon.add(":D", 2.3);
  lexicon.add(":d", 1.0);
  lexicon.add("XD", 2.8);  // no lowercase twin: reachable as "xd"
  lexicon.add(":P", 9.0);
  lexicon.add(":p", 1.5);
  lexicon.add(":P", 9.0);
  CHECK(*lexicon.find(":d") == 1.0);
  CHECK(*lexicon.find("xd") == 2.8);
  CHECK(*lexicon.find(":p") == 1.5);
  CHECK(lexicon.size() == 3);
}
