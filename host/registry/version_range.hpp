// Version ranges for module dependencies, in the npm / node-semver dialect
// because module authors already know it.
//
// Grammar (whitespace is spaces or tabs):
//
//   range-set  ::= range ( '||' range )*        alternatives: OR
//   range      ::= hyphen | simple ( ws simple )* | ''   comparators: AND
//   hyphen     ::= partial ws '-' ws partial
//   simple     ::= op? ws? partial              '>= 1.2' is the same as '>=1.2'
//   op         ::= '=' | '<' | '<=' | '>' | '>=' | '^' | '~'
//   partial    ::= xr ( '.' xr ( '.' xr qualifier? )? )?
//   xr         ::= 'x' | 'X' | '*' | number     number: no leading zeros
//   qualifier  ::= ( '-' prerelease )? ( '+' build )?   only on a full version
//
// Meaning:
//   1.2.3, =1.2.3   exactly 1.2.3 (build metadata ignored)
//   >, >=, <, <=    as written; missing parts are zeros for >= and <, and the
//                   whole partial is stepped over for > and <= (>1.2 is
//                   >=1.3.0, <=1.2 is <1.3.0)
//   ^1.2.3          >=1.2.3 <2.0.0   the leftmost non-zero part is fixed:
//   ^0.2.3          >=0.2.3 <0.3.0
//   ^0.0.3          >=0.0.3 <0.0.4
//   ^1.2, ^1        >=1.2.0 <2.0.0, >=1.0.0 <2.0.0 (^0.0 is <0.1.0, ^0 <1.0.0)
//   ~1.2.3          >=1.2.3 <1.3.0   (~1.2 is >=1.2.0 <1.3.0)
//   ~1              >=1.0.0 <2.0.0
//   1.x, 1.2.*, 1   any 1.x.x, any 1.2.x, any 1.x.x
//   *, x, ''        any version
//   1.2 - 2.3.4     >=1.2.0 <=2.3.4; a partial upper end covers its whole
//                   span (1 - 2 is >=1.0.0 <3.0.0)
//
// Prereleases (node-semver's default rule): a version with a prerelease tag
// matches an alternative only if it satisfies every comparator there AND some
// comparator in that alternative names the same MAJOR.MINOR.PATCH with a
// prerelease. So >=1.2.3-beta matches 1.2.3-rc.1 but not 1.3.0-rc.1, and '*'
// or ^1.0.0 match no prerelease at all. This keeps unstable builds out unless
// a dependent explicitly opts in to that release line.
//
// Stricter than node-semver, on purpose: no leading 'v', no loose forms
// ('~>', '1.2.3.4'), a wildcard may not be followed by a number ('1.x.2'),
// and an empty alternative next to '||' is an error rather than "any".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "host/registry/semver.hpp"

namespace mosaic::host {

class VersionRange {
 public:
  // Matches any release version; str() is empty.
  VersionRange() = default;

  // Throws std::invalid_argument whose what() quotes the text and says what
  // is wrong, e.g. "invalid version range '>=1.x.2': '1.x.2': a number
  // cannot follow a wildcard".
  static VersionRange parse(std::string_view text);

  bool matches(const Version& v) const;

  // The text as given to parse().
  const std::string& str() const { return text_; }

 private:
  friend class RangeParser;  // builds the comparators; lives in the .cpp

  enum class Op { eq, lt, le, gt, ge };
  struct Comparator {
    Op op;
    Version version;
  };
  // OR of AND-sets; an empty AND-set matches any release.
  using AndSet = std::vector<Comparator>;

  static bool test(const Comparator& c, const Version& v);
  static bool matches_set(const AndSet& set, const Version& v);

  std::string text_;
  std::vector<AndSet> alternatives_{AndSet{}};
};

}  // namespace mosaic::host
