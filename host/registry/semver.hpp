// Semantic versions (https://semver.org, 2.0.0), parsed strictly.
//
// Module versions come from third-party manifests, so the parser accepts only
// the exact grammar of the spec: no leading 'v', no leading zeros, no missing
// parts, no whitespace. A rejected version is a validation error for the
// module, and `why` gives the reason to put in that error.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mosaic::host {

struct Version {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  // Dot-separated identifiers after '-', e.g. {"beta", "2"} for 1.0.0-beta.2.
  std::vector<std::string> prerelease;
  // Everything after '+', kept verbatim; it never affects precedence.
  std::string build;

  // Returns nullopt for anything that is not a valid semver 2.0.0 version and,
  // when `why` is given, stores a short human reason such as
  // "leading zero in minor" or "expected MAJOR.MINOR.PATCH".
  static std::optional<Version> parse(std::string_view text, std::string* why = nullptr);

  // Canonical text; parse(v.str()) round-trips.
  std::string str() const;
};

// Semver 2.0.0 precedence: <0 if a < b, 0 if equal, >0 if a > b.
// Build metadata is ignored, so 1.0.0+a and 1.0.0+b compare equal.
int compare(const Version& a, const Version& b);

// Precedence equality, not field equality (build metadata is ignored);
// hence a weak ordering.
bool operator==(const Version& a, const Version& b);
std::weak_ordering operator<=>(const Version& a, const Version& b);

}  // namespace mosaic::host
