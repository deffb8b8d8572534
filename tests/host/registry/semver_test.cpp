#include "host/registry/semver.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using mosaic::host::compare;
using mosaic::host::Version;

namespace {

Version v(const char* text) {
  std::string why;
  auto parsed = Version::parse(text, &why);
  INFO(text, ": ", why);
  REQUIRE(parsed.has_value());
  return *parsed;
}

// The reason parse() gives for rejecting `text`; fails the test if accepted.
std::string rejection(const char* text) {
  std::string why;
  const auto parsed = Version::parse(text, &why);
  INFO(text);
  CHECK_FALSE(parsed.has_value());
  CHECK_FALSE(why.empty());
  return why;
}

}  // namespace

TEST_CASE("Version::parse reads the three numbers") {
  const auto x = v("1.22.333");
  CHECK(x.major == 1);
  CHECK(x.minor == 22);
  CHECK(x.patch == 333);
  CHECK(x.prerelease.empty());
  CHECK(x.build.empty());
}

TEST_CASE("Version::parse splits prerelease and build") {
  const auto x = v("1.0.0-beta.2.x-y+exp.sha.5114f85-z");
  CHECK(x.prerelease == std::vector<std::string>{"beta", "2", "x-y"});
  CHECK(x.build == "exp.sha.5114f85-z");

  const auto build_only = v("1.0.0+20130313144700");
  CHECK(build_only.prerelease.empty());
  CHECK(build_only.build == "20130313144700");
}

TEST_CASE("Version::parse accepts the spec's examples and edge cases") {
  for (const char* text : {"0.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92",
                           "1.0.0-x-y-z.--", "1.0.0-alpha+001", "1.0.0+21AF26D3----117B344092BD",
                           "1.2.3-0", "1.2.3-0a", "1.2.3-00a", "1.2.3+001", "1.2.3--",
                           "18446744073709551615.18446744073709551615.18446744073709551615",
                           "1.0.0-99999999999999999999999"}) {
    INFO(text);
    CHECK(Version::parse(text).has_value());
  }
}

TEST_CASE("Version::parse keeps the largest 64-bit parts exactly") {
  const auto x = v("18446744073709551615.0.1");
  CHECK(x.major == 18446744073709551615ull);
  CHECK(x.patch == 1);
}

TEST_CASE("Version::parse rejects malformed versions with a reason") {
  CHECK(rejection("") == "empty version");
  CHECK(rejection("v1.2.3") == "leading 'v' is not allowed");
  CHECK(rejection("V1.2.3") == "leading 'v' is not allowed");
  CHECK(rejection("1") == "expected MAJOR.MINOR.PATCH");
  CHECK(rejection("1.2") == "expected MAJOR.MINOR.PATCH");
  CHECK(rejection("1.2.3.4") == "expected MAJOR.MINOR.PATCH");
  CHECK(rejection("1.2-beta") == "expected MAJOR.MINOR.PATCH");
  CHECK(rejection("01.2.3") == "leading zero in major");
  CHECK(rejection("1.02.3") == "leading zero in minor");
  CHECK(rejection("1.2.03") == "leading zero in patch");
  CHECK(rejection("1.2.00") == "leading zero in patch");
  CHECK(rejection("1..3") == "minor is empty");
  CHECK(rejection("1.2.") == "patch is empty");
  CHECK(rejection(".1.2") == "major is empty");
  CHECK(rejection("1.a.3") == "minor is not a number: 'a'");
  CHECK(rejection("1.2.x") == "patch is not a number: 'x'");
  CHECK(rejection("1.2.3 ") == "patch is not a number: '3 '");
  CHECK(rejection(" 1.2.3") == "major is not a number: ' 1'");
  CHECK(rejection("=1.2.3") == "major is not a number: '=1'");
  CHECK(rejection("18446744073709551616.0.0") == "major does not fit in 64 bits");
  CHECK(rejection("0.99999999999999999999.0") == "minor does not fit in 64 bits");
}

TEST_CASE("Version::parse checks prerelease and build identifiers") {
  CHECK(rejection("1.2.3-") == "empty prerelease identifier");
  CHECK(rejection("1.2.3-a..b") == "empty prerelease identifier");
  CHECK(rejection("1.2.3-a.") == "empty prerelease identifier");
  CHECK(rejection("1.2.3-01") == "leading zero in prerelease identifier '01'");
  CHECK(rejection("1.2.3-rc.00") == "leading zero in prerelease identifier '00'");
  CHECK(rejection("1.2.3-a_b") == "invalid character '_' in prerelease");
  CHECK(rejection("1.2.3-a b") == "invalid character ' ' in prerelease");
  CHECK(rejection("1.2.3+") == "empty build metadata identifier");
  CHECK(rejection("1.2.3+a..b") == "empty build metadata identifier");
  CHECK(rejection("1.2.3+a+b") == "invalid character '+' in build metadata");
  CHECK(rejection("1.2.3+a!") == "invalid character '!' in build metadata");
  CHECK(rejection("1.2.3-é") == "invalid character '\xC3' in prerelease");
}

TEST_CASE("Version::parse works without a reason out-parameter") {
  CHECK_FALSE(Version::parse("1.2").has_value());
  CHECK(Version::parse("1.2.3").has_value());
}

TEST_CASE("Version::str round-trips") {
  for (const char* text : {"0.0.0", "1.2.3", "10.20.30-rc.1", "1.0.0-alpha+001", "1.0.0+build.7",
                           "1.0.0-x-y-z.--+a-b"}) {
    CHECK(v(text).str() == text);
  }
  CHECK(Version{4, 5, 6, {"pre", "7"}, "b"}.str() == "4.5.6-pre.7+b");
}

TEST_CASE("compare follows the semver 2.0.0 precedence chain") {
  const std::vector<Version> chain = {
      v("1.0.0-alpha"), v("1.0.0-alpha.1"), v("1.0.0-alpha.beta"), v("1.0.0-beta"),
      v("1.0.0-beta.2"), v("1.0.0-beta.11"), v("1.0.0-rc.1"), v("1.0.0"),
      v("1.0.1"), v("1.1.0"), v("2.0.0-0"), v("2.0.0")};
  for (std::size_t i = 0; i < chain.size(); ++i) {
    CHECK(compare(chain[i], chain[i]) == 0);
    for (std::size_t j = i + 1; j < chain.size(); ++j) {
      INFO(chain[i].str(), " vs ", chain[j].str());
      CHECK(compare(chain[i], chain[j]) < 0);
      CHECK(compare(chain[j], chain[i]) > 0);
    }
  }
  auto shuffled = chain;
  std::reverse(shuffled.begin(), shuffled.end());
  std::swap(shuffled[2], shuffled[7]);
  std::sort(shuffled.begin(), shuffled.end());
  for (std::size_t i = 0; i < chain.size(); ++i) CHECK(shuffled[i].str() == chain[i].str());
}

TEST_CASE("compare: numbers compare numerically, not as text") {
  CHECK(compare(v("1.9.0"), v("1.10.0")) < 0);
  CHECK(compare(v("9.0.0"), v("10.0.0")) < 0);
  CHECK(compare(v("1.0.9"), v("1.0.10")) < 0);
  CHECK(compare(v("1.0.0-2"), v("1.0.0-10")) < 0);
  // Beyond 64 bits, prerelease numbers still order by value.
  CHECK(compare(v("1.0.0-9999999999999999999"), v("1.0.0-99999999999999999999")) < 0);
  CHECK(compare(v("1.0.0-99999999999999999998"), v("1.0.0-99999999999999999999")) < 0);
}

TEST_CASE("compare: numeric identifiers rank below alphanumeric ones") {
  CHECK(compare(v("1.0.0-999"), v("1.0.0-a")) < 0);
  CHECK(compare(v("1.0.0-1"), v("1.0.0-0a")) < 0);  // '0a' is alphanumeric
  CHECK(compare(v("1.0.0-alpha.9"), v("1.0.0-alpha.a")) < 0);
}

TEST_CASE("compare: alphanumeric identifiers compare in ASCII order") {
  CHECK(compare(v("1.0.0-Beta"), v("1.0.0-alpha")) < 0);  // 'B' < 'a'
  CHECK(compare(v("1.0.0-a-b"), v("1.0.0-a.b")) > 0);     // "a-b" > "a"
  CHECK(compare(v("1.0.0-alpha"), v("1.0.0-alphabet")) < 0);
}

TEST_CASE("compare ignores build metadata") {
  CHECK(compare(v("1.0.0+a"), v("1.0.0+b")) == 0);
  CHECK(compare(v("1.0.0-rc.1+a"), v("1.0.0-rc.1")) == 0);
  CHECK(v("1.0.0+a") == v("1.0.0+zzz"));
  CHECK(compare(v("1.0.0+999"), v("1.0.1+0")) < 0);
}

TEST_CASE("comparison operators agree with compare") {
  const auto a = v("1.2.3-rc.1"), b = v("1.2.3"), b2 = v("1.2.3+meta");
  CHECK(a < b);
  CHECK(a <= b);
  CHECK(b > a);
  CHECK(b >= a);
  CHECK(a != b);
  CHECK_FALSE(a == b);
  CHECK(b == b2);
  CHECK(b <= b2);
  CHECK(b >= b2);
  CHECK_FALSE(b < b2);
  CHECK_FALSE(b != b2);
  CHECK((a <=> b) == std::weak_ordering::less);
}
