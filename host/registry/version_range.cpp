#include "host/registry/version_range.hpp"

#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>

namespace mosaic::host {
namespace {

// Thrown inside the parser; parse() adds the quoted range text around it.
struct Bad {
  std::string reason;
};

[[noreturn]] void bad(std::string_view token, const std::string& reason) {
  throw Bad{"'" + std::string(token) + "': " + reason};
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    const auto start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) tokens.push_back(s.substr(start, i - start));
  }
  return tokens;
}

bool is_wildcard(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

// A version with some trailing parts left open ("1.2", "1.x", "*").
struct Partial {
  Version floor;  // open parts are zero
  int fixed = 0;  // how many leading parts are numbers: 0..3
};

std::uint64_t parse_part(std::string_view token, std::string_view s, const char* what) {
  if (s.empty()) bad(token, std::string(what) + " is empty");
  std::uint64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') bad(token, std::string(what) + " is not a number or wildcard");
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
      bad(token, std::string(what) + " does not fit in 64 bits");
    value = value * 10 + digit;
  }
  if (s.size() > 1 && s[0] == '0') bad(token, std::string("leading zero in ") + what);
  return value;
}

Partial parse_partial(std::string_view token) {
  if (token.empty()) bad(token, "missing version");
  if (token[0] == 'v' || token[0] == 'V') bad(token, "leading 'v' is not allowed");

  const auto qualifier = token.find_first_of("-+");
  const auto core = token.substr(0, qualifier);
  static constexpr const char* names[] = {"major", "minor", "patch"};
  Partial p;
  std::uint64_t* fields[] = {&p.floor.major, &p.floor.minor, &p.floor.patch};
  bool open = false;
  std::size_t index = 0, pos = 0;
  for (;; ++index) {
    const auto dot = core.find('.', pos);
    const auto part = core.substr(pos, dot == std::string_view::npos ? dot : dot - pos);
    if (index == 3) bad(token, "more than three parts");
    if (is_wildcard(part)) {
      open = true;
    } else {
      // "1.x.2" reads as a typo, so reject rather than guess.
      if (open) bad(token, "a number cannot follow a wildcard");
      *fields[index] = parse_part(token, part, names[index]);
      ++p.fixed;
    }
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }

  if (qualifier != std::string_view::npos) {
    if (p.fixed != 3) bad(token, "a prerelease or build needs a full MAJOR.MINOR.PATCH");
    std::string why;
    auto full = Version::parse(token, &why);
    if (!full) bad(token, why);
    p.floor = std::move(*full);
  }
  return p;
}

// The first version above every version the first `parts` parts fix, e.g.
// 1.2 -> 1.3.0. nullopt when no such version exists (all fixed parts maxed).
std::optional<Version> step_over(const Version& v, int parts) {
  constexpr auto max = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t f[] = {v.major, v.minor, v.patch};
  for (int i = parts - 1; i >= 0; --i) {
    if (f[i] != max) {
      ++f[i];
      for (int j = i + 1; j < 3; ++j) f[j] = 0;
      return Version{f[0], f[1], f[2], {}, {}};
    }
  }
  return std::nullopt;
}

// x.y.z-0 is the lowest version of the x.y.z line, so "< x.y.z-0" also keeps
// out x.y.z's prereleases; "< 0.0.0-0" matches nothing.
Version lowest_prerelease(Version v) {
  v.prerelease = {"0"};
  v.build.clear();
  return v;
}

}  // namespace

class RangeParser {
 public:
  using Op = VersionRange::Op;
  using Comparator = VersionRange::Comparator;
  using AndSet = VersionRange::AndSet;

  static std::vector<AndSet> parse(std::string_view text) {
    std::vector<std::string_view> pieces;
    for (std::size_t pos = 0;;) {
      const auto bar = text.find("||", pos);
      pieces.push_back(text.substr(pos, bar == std::string_view::npos ? bar : bar - pos));
      if (bar == std::string_view::npos) break;
      pos = bar + 2;
    }
    std::vector<AndSet> alternatives;
    for (auto piece : pieces) {
      if (piece.find('|') != std::string_view::npos) throw Bad{"a single '|'; alternatives use '||'"};
      const auto tokens = split_ws(piece);
      // A dangling '||' is more likely a typo than a request for "any".
      if (tokens.empty() && pieces.size() > 1) throw Bad{"empty alternative next to '||'"};
      alternatives.push_back(parse_and_set(tokens));
    }
    return alternatives;
  }

 private:
  // What a token's leading symbol asks for; caret and tilde expand to two
  // comparators, the rest to at most one.
  enum class Kind { plain, eq, lt, le, gt, ge, caret, tilde };

  static std::pair<Kind, std::string_view> split_op(std::string_view token) {
    const auto two = token.substr(0, 2);
    if (two == ">=") return {Kind::ge, token.substr(2)};
    if (two == "<=") return {Kind::le, token.substr(2)};
    switch (token.empty() ? '\0' : token.front()) {
      case '>': return {Kind::gt, token.substr(1)};
      case '<': return {Kind::lt, token.substr(1)};
      case '=': return {Kind::eq, token.substr(1)};
      case '^': return {Kind::caret, token.substr(1)};
      case '~': return {Kind::tilde, token.substr(1)};
      default: return {Kind::plain, token};
    }
  }

  static AndSet parse_and_set(const std::vector<std::string_view>& tokens) {
    if (tokens.size() == 3 && tokens[1] == "-") return hyphen(tokens[0], tokens[2]);
    AndSet set;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto token = tokens[i];
      if (token == "-") throw Bad{"'-' must stand alone between two versions, as in '1.2 - 2.3'"};
      auto [kind, rest] = split_op(token);
      if (rest.empty()) {
        // ">= 1.2": the operator stands alone and the version is the next token.
        if (i + 1 == tokens.size()) bad(token, "operator without a version");
        rest = tokens[++i];
        if (split_op(rest).first != Kind::plain) bad(rest, "two operators in a row");
      }
      append(set, kind, parse_partial(rest));
    }
    return set;
  }

  static void add(AndSet& set, Op op, Version v) { set.push_back(Comparator{op, std::move(v)}); }

  static void add_nothing(AndSet& set) { add(set, Op::lt, lowest_prerelease(Version{})); }

  // "< the start of the next span"; -0 keeps that span's prereleases out too.
  static void add_below(AndSet& set, const Version& floor, int parts) {
    if (auto next = step_over(floor, parts)) add(set, Op::lt, lowest_prerelease(*next));
  }

  static void append(AndSet& set, Kind kind, const Partial& p) {
    const int n = p.fixed;
    switch (kind) {
      case Kind::caret:
      case Kind::tilde: {
        if (n == 0) return;  // ^* and ~* mean any
        // How many leading parts stay fixed: caret fixes up to the leftmost
        // non-zero part, tilde fixes the minor when it is given.
        const int parts = kind == Kind::tilde ? (n == 1 ? 1 : 2)
                          : (n == 1 || p.floor.major > 0) ? 1
                          : (n == 2 || p.floor.minor > 0) ? 2
                                                          : 3;
        add(set, Op::ge, p.floor);
        return add_below(set, p.floor, parts);
      }
      case Kind::plain:
      case Kind::eq:
        if (n == 3) return add(set, Op::eq, p.floor);
        if (n == 0) return;  // '*'
        // An X-range: the whole span the given parts fix.
        add(set, Op::ge, p.floor);
        return add_below(set, p.floor, n);
      case Kind::ge:
        if (n > 0) add(set, Op::ge, p.floor);  // '>=*' is any
        return;
      case Kind::lt:
        if (n == 3) return add(set, Op::lt, p.floor);
        if (n == 0) return add_nothing(set);
        return add(set, Op::lt, lowest_prerelease(p.floor));
      case Kind::gt:
        if (n == 3) return add(set, Op::gt, p.floor);
        if (n == 0) return add_nothing(set);
        if (auto next = step_over(p.floor, n)) return add(set, Op::ge, *next);
        return add_nothing(set);
      case Kind::le:
        if (n == 3) return add(set, Op::le, p.floor);
        if (n > 0) add_below(set, p.floor, n);  // '<=*' is any
        return;
    }
  }

  static AndSet hyphen(std::string_view low_text, std::string_view high_text) {
    for (auto t : {low_text, high_text})
      if (split_op(t).first != Kind::plain) bad(t, "a hyphen range takes plain versions, without operators");
    const auto low = parse_partial(low_text), high = parse_partial(high_text);
    AndSet set;
    if (low.fixed > 0) add(set, Op::ge, low.floor);
    if (high.fixed == 3) add(set, Op::le, high.floor);
    else if (high.fixed > 0) add_below(set, high.floor, high.fixed);
    return set;
  }
};

VersionRange VersionRange::parse(std::string_view text) {
  VersionRange range;
  range.text_ = std::string(text);
  try {
    range.alternatives_ = RangeParser::parse(text);
  } catch (const Bad& e) {
    throw std::invalid_argument("invalid version range '" + range.text_ + "': " + e.reason);
  }
  return range;
}

bool VersionRange::test(const Comparator& c, const Version& v) {
  const int cmp = compare(v, c.version);
  switch (c.op) {
    case Op::eq: return cmp == 0;
    case Op::lt: return cmp < 0;
    case Op::le: return cmp <= 0;
    case Op::gt: return cmp > 0;
    case Op::ge: return cmp >= 0;
  }
  return false;
}

bool VersionRange::matches_set(const AndSet& set, const Version& v) {
  for (const auto& c : set)
    if (!test(c, v)) return false;
  if (v.prerelease.empty()) return true;
  // node-semver's rule: a prerelease needs an explicit opt-in on its own
  // MAJOR.MINOR.PATCH within this alternative.
  for (const auto& c : set)
    if (!c.version.prerelease.empty() && c.version.major == v.major && c.version.minor == v.minor &&
        c.version.patch == v.patch)
      return true;
  return false;
}

bool VersionRange::matches(const Version& v) const {
  for (const auto& set : alternatives_)
    if (matches_set(set, v)) return true;
  return false;
}

}  // namespace mosaic::host
