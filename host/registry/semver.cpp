#include "host/registry/semver.hpp"

#include <algorithm>
#include <limits>

namespace mosaic::host {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_identifier_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }

bool fail(std::string* why, std::string reason) {
  if (why) *why = std::move(reason);
  return false;
}

std::vector<std::string_view> split_dots(std::string_view s) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto dot = s.find('.');
    parts.push_back(s.substr(0, dot));
    if (dot == std::string_view::npos) return parts;
    s.remove_prefix(dot + 1);
  }
}

bool parse_number(std::string_view s, const char* what, std::uint64_t& out, std::string* why) {
  if (s.empty()) return fail(why, std::string(what) + " is empty");
  if (!all_digits(s)) return fail(why, std::string(what) + " is not a number: '" + std::string(s) + "'");
  if (s.size() > 1 && s[0] == '0') return fail(why, std::string("leading zero in ") + what);
  std::uint64_t value = 0;
  constexpr auto max = std::numeric_limits<std::uint64_t>::max();
  for (char c : s) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return fail(why, std::string(what) + " does not fit in 64 bits");
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

// Shared by prerelease and build: both are dot-separated, non-empty
// [0-9A-Za-z-] identifiers; only prerelease forbids leading zeros.
bool check_identifiers(std::string_view s, const char* what, bool numeric_no_leading_zero,
                       std::string* why) {
  for (auto id : split_dots(s)) {
    if (id.empty()) return fail(why, std::string("empty ") + what + " identifier");
    for (char c : id)
      if (!is_identifier_char(c))
        return fail(why, std::string("invalid character '") + c + "' in " + what);
    if (numeric_no_leading_zero && id.size() > 1 && id[0] == '0' && all_digits(id))
      return fail(why, std::string("leading zero in ") + what + " identifier '" + std::string(id) + "'");
  }
  return true;
}

// Numeric identifiers have no leading zeros, so a longer one is larger; this
// compares them without parsing, so they may exceed 64 bits.
int compare_identifier(const std::string& a, const std::string& b) {
  const bool an = all_digits(a), bn = all_digits(b);
  if (an && bn && a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  if (an != bn) return an ? -1 : 1;  // numeric ranks below alphanumeric
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text, std::string* why) {
  if (text.empty()) {
    fail(why, "empty version");
    return std::nullopt;
  }
  if (text[0] == 'v' || text[0] == 'V') {
    fail(why, "leading 'v' is not allowed");
    return std::nullopt;
  }

  Version v;
  std::string_view rest = text;
  std::string_view build, pre;
  bool has_build = false, has_pre = false;
  if (const auto plus = rest.find('+'); plus != std::string_view::npos) {
    build = rest.substr(plus + 1);
    rest = rest.substr(0, plus);
    has_build = true;
  }
  // The first '-' starts the prerelease; later ones belong to its identifiers.
  if (const auto dash = rest.find('-'); dash != std::string_view::npos) {
    pre = rest.substr(dash + 1);
    rest = rest.substr(0, dash);
    has_pre = true;
  }

  const auto core = split_dots(rest);
  if (core.size() != 3) {
    fail(why, "expected MAJOR.MINOR.PATCH");
    return std::nullopt;
  }
  if (!parse_number(core[0], "major", v.major, why) || !parse_number(core[1], "minor", v.minor, why) ||
      !parse_number(core[2], "patch", v.patch, why))
    return std::nullopt;

  if (has_pre) {
    if (!check_identifiers(pre, "prerelease", true, why)) return std::nullopt;
    for (auto id : split_dots(pre)) v.prerelease.emplace_back(id);
  }
  if (has_build) {
    if (!check_identifiers(build, "build metadata", false, why)) return std::nullopt;
    v.build = std::string(build);
  }
  return v;
}

std::string Version::str() const {
  std::string s = std::to_string(major) + '.' + std::to_string(minor) + '.' + std::to_string(patch);
  for (std::size_t i = 0; i < prerelease.size(); ++i) s += (i == 0 ? '-' : '.') + prerelease[i];
  if (!build.empty()) s += '+' + build;
  return s;
}

int compare(const Version& a, const Version& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  // A release outranks any of its prereleases.
  if (a.prerelease.empty() != b.prerelease.empty()) return a.prerelease.empty() ? 1 : -1;
  const auto n = std::min(a.prerelease.size(), b.prerelease.size());
  for (std::size_t i = 0; i < n; ++i)
    if (const int c = compare_identifier(a.prerelease[i], b.prerelease[i]); c != 0) return c;
  if (a.prerelease.size() != b.prerelease.size()) return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
  return 0;
}

bool operator==(const Version& a, const Version& b) { return compare(a, b) == 0; }

std::weak_ordering operator<=>(const Version& a, const Version& b) {
  const int c = compare(a, b);
  return c < 0 ? std::weak_ordering::less : c > 0 ? std::weak_ordering::greater : std::weak_ordering::equivalent;
}

}  // namespace mosaic::host
