// A checker for the Prometheus text exposition format (0.0.4), written from the format's
// description, so the tests do not trust the code that writes it: line grammar, one TYPE
// per family before its samples, and histogram buckets that are cumulative with +Inf
// equal to _count.
#pragma once

#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace mosaic_test {

// "" when `text` is valid, else the first problem with its line number.
inline std::string prometheus_problems(const std::string& text) {
  static const std::regex kName("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static const std::regex kHelp("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*");
  static const std::regex kType("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
  static const std::regex kSample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (\S+)( -?\d+)?)");
  static const std::regex kLabel(R"lit(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)")lit");
  std::map<std::string, std::string> types;
  std::set<std::string> sampled_families;
  // histogram series (labels without le) -> last bucket count, +Inf count, _count
  struct Series {
    double last_le = -INFINITY, last_count = 0, inf = -1, count = -1;
  };
  std::map<std::string, Series> histograms;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  auto fail = [&](const std::string& why) { return "line " + std::to_string(n) + ": " + why + ": " + line; };
  while (std::getline(in, line)) {
    ++n;
    std::smatch m;
    if (line.empty()) continue;
    if (line.rfind("# TYPE", 0) == 0) {
      if (!std::regex_match(line, m, kType)) return fail("malformed TYPE line");
      if (types.count(m[1])) return fail("second TYPE for a family");
      if (sampled_families.count(m[1])) return fail("TYPE after the family's samples");
      types[m[1]] = m[2];
      continue;
    }
    if (line.rfind("# HELP", 0) == 0) {
      if (!std::regex_match(line, m, kHelp)) return fail("malformed HELP line");
      continue;
    }
    if (line[0] == '#') continue;
    if (!std::regex_match(line, m, kSample)) return fail("not a sample line");
    const std::string name = m[1], labels = m[3], value_text = m[4];
    char* end = nullptr;
    const double value = value_text == "+Inf" ? INFINITY : value_text == "-Inf" ? -INFINITY : std::strtod(value_text.c_str(), &end);
    if (value_text != "+Inf" && value_text != "-Inf" && value_text != "NaN" && (!end || *end)) return fail("bad value");
    std::string family = name;
    for (const char* suffix : {"_bucket", "_sum", "_count"})
      if (name.size() > std::string(suffix).size() && name.ends_with(suffix) &&
          types.count(name.substr(0, name.size() - std::string(suffix).size())))
        family = name.substr(0, name.size() - std::string(suffix).size());
    if (!types.count(family)) return fail("sample without a TYPE for its family");
    sampled_families.insert(family);
    if (types[family] != "histogram") continue;
    std::string series_key = family + "{";
    std::string le;
    for (auto it = std::sregex_iterator(labels.begin(), labels.end(), kLabel); it != std::sregex_iterator(); ++it) {
      if ((*it)[1] == "le") le = (*it)[2];
      else series_key += (*it)[0].str() + ",";
    }
    Series& s = histograms[series_key];
    if (name == family + "_bucket") {
      if (le.empty()) return fail("bucket without le");
      const double bound = le == "+Inf" ? INFINITY : std::strtod(le.c_str(), nullptr);
      if (bound <= s.last_le) return fail("le not ascending");
      if (value < s.last_count) return fail("bucket counts not cumulative");
      s.last_le = bound;
      s.last_count = value;
      if (le == "+Inf") s.inf = value;
    } else if (name == family + "_count") {
      s.count = value;
    }
  }
  for (const auto& [key, s] : histograms) {
    if (s.inf < 0) return "histogram " + key + " has no +Inf bucket";
    if (s.count != s.inf) return "histogram " + key + ": +Inf bucket differs from _count";
  }
  return "";
}

}  // namespace mosaic_test
