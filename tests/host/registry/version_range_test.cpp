#include "host/registry/version_range.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

using mosaic::host::Version;
using mosaic::host::VersionRange;

namespace {

struct Case {
  const char* version;
  bool expected;
};

// Checks every version against `range`, naming the failing pair.
void check_range(const char* range, std::vector<Case> cases) {
  const auto parsed = VersionRange::parse(range);
  for (const auto& c : cases) {
    const auto version = Version::parse(c.version);
    INFO("range '", range, "' vs ", c.version);
    REQUIRE(version.has_value());
    CHECK(parsed.matches(*version) == c.expected);
  }
}

// The what() of the exception parse() throws; fails the test if it parses.
std::string parse_error(const char* range) {
  INFO("range '", range, "'");
  try {
    VersionRange::parse(range);
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    CHECK(what.find("invalid version range '" + std::string(range) + "': ") == 0);
    return what;
  }
  FAIL("parsed without an error");
  return {};
}

bool mentions(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("exact versions") {
  check_range("1.2.3", {{"1.2.3", true}, {"1.2.4", false}, {"1.2.2", false}, {"1.2.3+build", true},
                        {"1.2.3-alpha", false}});
  check_range("=1.2.3", {{"1.2.3", true}, {"1.2.2", false}});
  check_range("1.2.3+ignored", {{"1.2.3", true}});
  check_range("1.2.3-beta.1", {{"1.2.3-beta.1", true}, {"1.2.3-beta.1+b", true}, {"1.2.3-beta.2", false},
                               {"1.2.3", false}});
}

TEST_CASE("primitive comparators with full versions") {
  check_range(">1.2.3", {{"1.2.4", true}, {"2.0.0", true}, {"1.2.3", false}, {"1.0.0", false}});
  check_range(">=1.2.3", {{"1.2.3", true}, {"1.10.0", true}, {"1.2.2", false}});
  check_range("<1.2.3", {{"1.2.2", true}, {"0.0.0", true}, {"1.2.3", false}});
  check_range("<=1.2.3", {{"1.2.3", true}, {"1.2.4", false}});
}

TEST_CASE("caret fixes the leftmost non-zero part") {
  check_range("^1.2.3", {{"1.2.3", true}, {"1.9.9", true}, {"1.2.2", false}, {"2.0.0", false},
                         {"2.0.0-alpha", false}});
  check_range("^0.2.3", {{"0.2.3", true}, {"0.2.9", true}, {"0.3.0", false}, {"0.2.2", false},
                         {"1.0.0", false}});
  check_range("^0.0.3", {{"0.0.3", true}, {"0.0.4", false}, {"0.0.2", false}});
  check_range("^0.0.0", {{"0.0.0", true}, {"0.0.1", false}});
}

TEST_CASE("caret with partial versions") {
  check_range("^2.0", {{"2.0.0", true}, {"2.5.1", true}, {"3.0.0", false}, {"1.9.9", false}});
  check_range("^2", {{"2.0.0", true}, {"2.99.0", true}, {"3.0.0", false}, {"1.0.0", false}});
  check_range("^1.x", {{"1.5.0", true}, {"2.0.0", false}});
  check_range("^0.1", {{"0.1.0", true}, {"0.1.5", true}, {"0.2.0", false}});
  check_range("^0.0", {{"0.0.5", true}, {"0.1.0", false}});
  check_range("^0", {{"0.9.9", true}, {"1.0.0", false}});
  check_range("^*", {{"0.0.0", true}, {"7.0.0", true}});
}

TEST_CASE("tilde fixes the minor when given") {
  check_range("~1.2.3", {{"1.2.3", true}, {"1.2.9", true}, {"1.3.0", false}, {"1.2.2", false}});
  check_range("~1.2", {{"1.2.0", true}, {"1.2.99", true}, {"1.3.0", false}, {"1.1.9", false}});
  check_range("~1", {{"1.0.0", true}, {"1.99.0", true}, {"2.0.0", false}, {"0.9.0", false}});
  check_range("~0.0.1", {{"0.0.1", true}, {"0.0.5", true}, {"0.1.0", false}});
  check_range("~*", {{"3.0.0", true}});
}

TEST_CASE("x-ranges and bare partial versions cover their span") {
  check_range("1.x", {{"1.0.0", true}, {"1.9.9", true}, {"2.0.0", false}, {"0.9.9", false}});
  check_range("1.X", {{"1.4.0", true}, {"2.0.0", false}});
  check_range("1.*.*", {{"1.4.0", true}, {"2.0.0", false}});
  check_range("1.2.*", {{"1.2.0", true}, {"1.2.99", true}, {"1.3.0", false}, {"1.1.9", false}});
  check_range("1.2.x", {{"1.2.7", true}, {"1.3.0", false}});
  check_range("1", {{"1.5.5", true}, {"2.0.0", false}});
  check_range("1.2", {{"1.2.5", true}, {"1.3.0", false}});
  check_range("=1.x", {{"1.4.0", true}, {"2.4.0", false}});
  check_range("0", {{"0.3.0", true}, {"1.0.0", false}});
}

TEST_CASE("wildcards and the empty range match any release") {
  for (const char* any : {"*", "x", "X", "", "   ", "*.*", "x.x.x", ">=*", "<=*", "=*", ">=x.x"}) {
    check_range(any, {{"0.0.0", true}, {"1.2.3", true}, {"99.0.0", true}, {"1.0.0-alpha", false}});
  }
}

TEST_CASE("comparators with partial versions") {
  check_range(">=1.2", {{"1.2.0", true}, {"3.0.0", true}, {"1.1.9", false}});
  check_range(">1.2", {{"1.2.9", false}, {"1.3.0", true}});
  check_range(">1", {{"1.9.0", false}, {"2.0.0", true}});
  check_range("<1.2", {{"1.1.9", true}, {"1.2.0", false}, {"1.2.0-alpha", false}});
  check_range("<2", {{"1.99.0", true}, {"2.0.0", false}});
  check_range("<=1.2", {{"1.2.9", true}, {"1.3.0", false}});
  check_range("<=1", {{"1.99.99", true}, {"2.0.0", false}});
  check_range(">*", {{"0.0.0", false}, {"1.0.0", false}});
  check_range("<*", {{"0.0.0", false}, {"1.0.0", false}});
}

TEST_CASE("space between operator and version") {
  check_range(">= 1.2", {{"1.2.0", true}, {"1.1.9", false}});
  check_range(">= 1.2 < 2", {{"1.5.0", true}, {"2.0.0", false}, {"1.1.0", false}});
  check_range("^ 1.2", {{"1.3.0", true}, {"2.0.0", false}});
  check_range("~ 1.2", {{"1.2.4", true}, {"1.3.0", false}});
  check_range("= 1.2.3", {{"1.2.3", true}, {"1.2.4", false}});
  check_range("<\t1.2.3", {{"1.2.2", true}, {"1.2.3", false}});
}

TEST_CASE("whitespace-separated comparators are all required") {
  check_range(">=1.2 <2", {{"1.2.0", true}, {"1.9.9", true}, {"2.0.0", false}, {"1.1.0", false}});
  check_range("  >=1.0.0\t<2.0.0  ", {{"1.5.0", true}, {"2.0.0", false}});
  check_range(">=1.2.3 <1.2.3", {{"1.2.3", false}, {"1.2.2", false}});
  check_range("^1.2 ~1.4", {{"1.4.5", true}, {"1.3.0", false}, {"1.5.0", false}});
  check_range(">1.0.0 <=1.0.0", {{"1.0.0", false}});
}

TEST_CASE("'||' accepts any alternative") {
  check_range("1.x || >=2.5.0", {{"1.2.0", true}, {"2.0.0", false}, {"2.5.0", true}, {"3.0.0", true}});
  check_range("^1.0.0||^3.0.0", {{"1.5.0", true}, {"2.0.0", false}, {"3.1.0", true}});
  check_range("<1.0.0 || >=2.0.0 <3.0.0 || 4.x",
              {{"0.5.0", true}, {"1.5.0", false}, {"2.5.0", true}, {"3.0.0", false}, {"4.2.0", true},
               {"5.0.0", false}});
  check_range("1.2.3 || *", {{"9.9.9", true}});
}

TEST_CASE("hyphen ranges") {
  check_range("1.2 - 2.3.4", {{"1.2.0", true}, {"1.1.9", false}, {"2.3.4", true}, {"2.3.5", false}});
  check_range("1.2.3 - 2.3", {{"1.2.3", true}, {"1.2.2", false}, {"2.3.9", true}, {"2.4.0", false}});
  check_range("1 - 2", {{"1.0.0", true}, {"2.9.9", true}, {"3.0.0", false}, {"0.9.9", false}});
  check_range("* - 2", {{"0.0.0", true}, {"2.5.0", true}, {"3.0.0", false}});
  check_range("1.5 - *", {{"1.4.9", false}, {"99.0.0", true}});
  check_range("1.2.3-beta - 1.2.3", {{"1.2.3-rc.1", true}, {"1.2.3-alpha", false}, {"1.2.3", true}});
  check_range("1.0.0 - 1.0.0 || 3 - 4", {{"1.0.0", true}, {"2.0.0", false}, {"4.1.0", true}});
}

TEST_CASE("prereleases match only when their own release line opts in") {
  // The comparator names 1.2.3 with a prerelease, so 1.2.3's prereleases count.
  check_range(">=1.2.3-beta", {{"1.2.3-beta", true}, {"1.2.3-rc.1", true}, {"1.2.3-alpha", false},
                               {"1.2.3", true}, {"1.3.0", true}, {"1.3.0-rc.1", false}});
  check_range(">1.2.3-alpha <1.2.4", {{"1.2.3-beta", true}, {"1.2.3-alpha", false}, {"1.2.3", true},
                                      {"1.2.4-alpha", false}});
  check_range("^1.2.3-beta.2", {{"1.2.3-beta.2", true}, {"1.2.3-beta.10", true}, {"1.2.3-beta.1", false},
                                {"1.2.3", true}, {"1.5.0", true}, {"1.5.0-beta.3", false}});
  check_range("~1.2.3-rc.1", {{"1.2.3-rc.2", true}, {"1.2.4-rc.1", false}});
  check_range(">=1.0.0-alpha <2.0.0", {{"1.0.0-beta", true}, {"1.5.0-alpha", false}, {"1.5.0", true}});
  // Without an opt-in, a prerelease inside the numeric bounds still fails.
  check_range("<2.0.0", {{"1.9.9", true}, {"2.0.0-alpha", false}, {"1.5.0-alpha", false}});
  check_range("1.x", {{"1.5.0-alpha", false}});
  check_range("^1.0.0", {{"1.0.1-rc.1", false}});
}

TEST_CASE("the prerelease opt-in is per alternative") {
  check_range("^1.2.3-beta || 1.3.0-rc.1", {{"1.2.3-rc.1", true}, {"1.3.0-rc.1", true}, {"1.3.0-rc.2", false},
                                            {"1.4.0-rc.1", false}});
  // 1.2.3-beta opts 1.2.3 in only for its own alternative; '1.x' never does.
  check_range("1.x || >=1.2.3-beta <1.2.3-beta", {{"1.2.3-rc.1", false}});
}

TEST_CASE("a partial upper bound keeps out its line's prereleases even when opted in") {
  // "<1.2" is "<1.2.0-0", so 1.2.0-beta stays out although the other
  // comparator names 1.2.0 with a prerelease.
  check_range(">=1.2.0-alpha <1.2", {{"1.2.0-beta", false}, {"1.2.0-alpha", false}});
  check_range(">=2.0.0-alpha ^1.2.3", {{"2.0.0-beta", false}});
  check_range(">=2.0.0-alpha <=1", {{"2.0.0-beta", false}});
  check_range(">=1.2.0-alpha <1.2.0", {{"1.2.0-beta", true}});  // a full bound is as written
}

TEST_CASE("64-bit edges: no bound past the largest version") {
  check_range("^18446744073709551615.0.0", {{"18446744073709551615.5.0", true}, {"1.0.0", false}});
  check_range(">18446744073709551615", {{"18446744073709551615.99.0", false}, {"0.0.0", false}});
  check_range("<=18446744073709551615", {{"18446744073709551615.99.0", true}});
  check_range("~1.18446744073709551615", {{"1.18446744073709551615.7", true}, {"2.0.0", false}});
  check_range("1.18446744073709551615.18446744073709551615 - 1.18446744073709551615",
              {{"1.18446744073709551615.18446744073709551615", true}, {"2.0.0", false}});
}

TEST_CASE("str() returns the original text") {
  CHECK(VersionRange::parse(" ^1.2  ||  >=3 ").str() == " ^1.2  ||  >=3 ");
  CHECK(VersionRange::parse("").str().empty());
}

TEST_CASE("a default range matches any release") {
  const VersionRange any;
  CHECK(any.str().empty());
  CHECK(any.matches(*Version::parse("0.0.0")));
  CHECK(any.matches(*Version::parse("12.3.4+b")));
  CHECK_FALSE(any.matches(*Version::parse("1.0.0-rc.1")));
}

TEST_CASE("parse errors quote the text and say what is wrong") {
  CHECK(parse_error(">=1.x.2") == "invalid version range '>=1.x.2': '1.x.2': a number cannot follow a wildcard");
  CHECK(parse_error("1.02") == "invalid version range '1.02': '1.02': leading zero in minor");
  CHECK(mentions(parse_error("^01"), "leading zero in major"));
  CHECK(mentions(parse_error("v1.2.3"), "leading 'v' is not allowed"));
  CHECK(mentions(parse_error(">=v1"), "leading 'v' is not allowed"));
  CHECK(mentions(parse_error("1.2.3.4"), "more than three parts"));
  CHECK(mentions(parse_error("1..2"), "minor is empty"));
  CHECK(mentions(parse_error("1.2."), "patch is empty"));
  CHECK(mentions(parse_error("abc"), "major is not a number or wildcard"));
  CHECK(mentions(parse_error("1.2.3a"), "patch is not a number or wildcard"));
  CHECK(mentions(parse_error("99999999999999999999"), "major does not fit in 64 bits"));
}

TEST_CASE("parse errors for operators") {
  CHECK(mentions(parse_error(">="), "'>=': operator without a version"));
  CHECK(mentions(parse_error("1.2.3 <"), "operator without a version"));
  CHECK(mentions(parse_error(">= >=1"), "'>=1': two operators in a row"));
  CHECK(mentions(parse_error("^ ~1"), "two operators in a row"));
  CHECK(mentions(parse_error(">>1"), "'>1': major is not a number"));
  CHECK(mentions(parse_error("~>1.2"), "major is not a number"));
  CHECK(mentions(parse_error("!=1.2.3"), "major is not a number"));
}

TEST_CASE("parse errors for prereleases on partial versions") {
  CHECK(mentions(parse_error("1.2-beta"), "a prerelease or build needs a full MAJOR.MINOR.PATCH"));
  CHECK(mentions(parse_error("^1.x-beta"), "needs a full MAJOR.MINOR.PATCH"));
  CHECK(mentions(parse_error("1.2.x-beta"), "needs a full MAJOR.MINOR.PATCH"));
  CHECK(mentions(parse_error("1.2+build"), "needs a full MAJOR.MINOR.PATCH"));
  CHECK(mentions(parse_error("1.2.3-beta.01"), "leading zero in prerelease identifier '01'"));
  CHECK(mentions(parse_error(">=1.2.3-"), "empty prerelease identifier"));
  CHECK(mentions(parse_error("1.2.3+"), "empty build metadata identifier"));
  CHECK(mentions(parse_error("1.2.3-a_b"), "invalid character '_' in prerelease"));
}

TEST_CASE("parse errors for '||' and hyphens") {
  CHECK(mentions(parse_error("1.2.3 ||"), "empty alternative next to '||'"));
  CHECK(mentions(parse_error("|| 1.2.3"), "empty alternative next to '||'"));
  CHECK(mentions(parse_error("1 || || 2"), "empty alternative next to '||'"));
  CHECK(mentions(parse_error("1.2.3 | 2.0.0"), "a single '|'"));
  CHECK(mentions(parse_error("1 ||| 2"), "a single '|'"));
  CHECK(mentions(parse_error("1.2.3 -"), "'-' must stand alone between two versions"));
  CHECK(mentions(parse_error("- 1.2.3"), "'-' must stand alone between two versions"));
  CHECK(mentions(parse_error("1 - 2 - 3"), "'-' must stand alone between two versions"));
  CHECK(mentions(parse_error(">=1 - 2"), "'>=1': a hyphen range takes plain versions"));
  CHECK(mentions(parse_error("1 - ^2"), "'^2': a hyphen range takes plain versions"));
  CHECK(mentions(parse_error("1.x.3 - 2"), "a number cannot follow a wildcard"));
}
