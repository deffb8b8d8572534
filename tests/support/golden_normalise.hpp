// What the golden tests take out of `mosaic`'s outputs before comparing them byte for byte:
// absolute paths (the clone, the build and the temp folder differ between machines) and
// wall-clock measurements, with what is derived from them (an SLA latency verdict, the
// module state it degrades, the warning it logs). Nothing else: any other difference
// between two runs is a finding, not noise. tests/data/golden/README.md lists the rules.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace mosaic_test::golden {

inline constexpr const char* kTiming = "<timing>";

// (path, placeholder) pairs, applied in order: list a folder before any folder holding it.
using Placeholders = std::vector<std::pair<std::string, std::string>>;

struct Rules {
  Placeholders paths;
  // optimize's output-cache counts, for a search on more than one thread: when two threads
  // propose the same configuration at once, whether the second finds the first's outputs in
  // the cache (or evaluates alongside it) is a race. The trials and results do not vary.
  bool cache_counts = false;
};

inline std::string replace_paths(std::string text, const Placeholders& placeholders) {
  for (const auto& [path, placeholder] : placeholders)
    for (size_t at = text.find(path); at != std::string::npos; at = text.find(path, at + placeholder.size()))
      text.replace(at, path.size(), placeholder);
  return text;
}

// An SLA verdict as if the module had met its latency limit: "latency 7.74 > 5 ms; confidence
// 0.70 < 0.8" keeps only the confidence part, and "latency 7.74 > 5 ms" alone becomes "ok".
inline std::string without_latency_verdict(const std::string& verdict) {
  static const std::regex latency(R"(latency [0-9.]+ > [^ ]+ ms(; )?)");
  const std::string rest = std::regex_replace(verdict, latency, "");
  return rest.empty() ? "ok" : rest;
}

// Module figures (modules.json) carry their own clock readings: those are masked and the
// SLA verdict and state re-derived as if every latency limit had been met, since whether a
// module ran within 5 ms depends on the machine's load, not on the code.
inline void mask_json_timing(nlohmann::json& j, const Rules& rules) {
  if (j.is_array())
    for (auto& e : j) mask_json_timing(e, rules);
  if (!j.is_object()) return;
  if (j.contains("sla") && j["sla"].is_object() && j["sla"].contains("latency_ok")) {
    auto& sla = j["sla"];
    const bool only_latency =
        sla["latency_ok"] == false && sla.value("confidence_ok", true) && j.value("status", "") == "ok";
    if (only_latency && j.value("state", "") == "degraded") j["state"] = "healthy";
    if (sla.contains("verdict")) sla["verdict"] = without_latency_verdict(sla["verdict"].get<std::string>());
    sla["latency_ok"] = kTiming;
  }
  // Per-module figures without a verdict (ablate's, run's) give only the counts: a module
  // degraded by latency violations alone, with no error and no low confidence, is the same.
  const auto count = [&j](const char* key) {
    return j.contains(key) && j[key].is_number() ? j[key].get<int64_t>() : int64_t{-1};
  };
  if (j.value("state", "") == "degraded" && count("latency_violations") > 0 && count("confidence_violations") == 0 &&
      count("errors") == 0 && count("consecutive_failures") == 0)
    j["state"] = "healthy";
  static const std::vector<std::string> clock_keys = {"latency_ms", "latency_violations", "seconds",
                                                      "evaluations_per_second", "cold_page_faults"};
  for (auto& [key, value] : j.items()) {
    if (std::find(clock_keys.begin(), clock_keys.end(), key) != clock_keys.end()) value = kTiming;
    else if (key == "cache" && rules.cache_counts && value.is_object())
      for (auto& count : value) count = "<race>";
    else mask_json_timing(value, rules);
  }
}

inline std::string normalise_json(const std::string& text, const Rules& rules) {
  nlohmann::json j = nlohmann::json::parse(text);
  mask_json_timing(j, rules);
  return replace_paths(j.dump(2) + "\n", rules.paths);
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t at = 0; at < text.size();) {
    const size_t nl = std::min(text.find('\n', at), text.size());
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

// The `mosaic run` module table: its "latency ms" and "SLA" columns are clock readings and
// their verdicts, and their widths follow them. Both are rewritten, re-padded to the new
// widths; every other column is kept as printed.
inline void mask_module_table(std::vector<std::string>& lines) {
  for (size_t head = 0; head + 1 < lines.size(); ++head) {
    const size_t lat_title = lines[head].find("latency ms"), sla_title = lines[head].find("SLA", lat_title);
    const std::string& rule = lines[head + 1];
    if (sla_title == std::string::npos || rule.size() <= sla_title || rule[lat_title] != '-' || rule[sla_title] != '-')
      continue;
    // Column bounds from the rule under the titles, which may be padded within them.
    const size_t lat = rule.rfind(' ', lat_title) + 1, sla = rule.rfind(' ', sla_title) + 1;
    const size_t sla_end = rule.find(' ', sla);
    size_t end = head + 2;
    while (end < lines.size() && !lines[end].empty()) ++end;
    std::vector<std::pair<std::string, std::string>> cells = {{"latency ms", "SLA"}, {"", ""}};
    size_t lat_w = 10, sla_w = 3;
    for (size_t r = head + 2; r < end; ++r) {
      const auto cell = [&](size_t from, size_t to) {
        std::string c = lines[r].substr(std::min(from, lines[r].size()), to - from);
        c.erase(0, c.find_first_not_of(' '));
        c.erase(c.find_last_not_of(' ') + 1);
        return c;
      };
      const std::string ms = cell(lat, sla);
      cells.emplace_back(ms == "-" ? ms : "<ms>", without_latency_verdict(cell(sla, sla_end)));
      lat_w = std::max(lat_w, cells.back().first.size());
      sla_w = std::max(sla_w, cells.back().second.size());
    }
    for (size_t r = head; r < end; ++r) {
      const auto& [ms, verdict] = cells[r - head];
      std::string middle = r == head + 1 ? std::string(lat_w, '-') + "  " + std::string(sla_w, '-')
                                         : std::string(lat_w - ms.size(), ' ') + ms + "  " + verdict +
                                               std::string(sla_w - verdict.size(), ' ');
      std::string& line = lines[r];
      line = line.substr(0, lat) + middle + (line.size() > sla_end ? line.substr(sla_end) : std::string());
      line.erase(line.find_last_not_of(' ') + 1);
    }
    head = end;
  }
}

// stdout, stderr and summary.txt.
inline std::string normalise_text(const std::string& text, const Rules& rules) {
  // Logged only when a module ran over its latency limit: present or not by the clock.
  static const std::regex sla_warning(
      R"(mosaic: warning: \[[^\]]+\] SLA: latency [0-9.]+ ms exceeds max_latency_ms .+)");
  // optimize's progress on stderr: one line at the first report and every 5 s after, so how
  // many lines and what they say (count so far, rate, best so far) follow the clock.
  static const std::regex progress(
      R"((fold [0-9]+/[0-9]+: )?[0-9]+ evaluated, [0-9]+/s, best .+, [0-9hms]+ elapsed(, ~[0-9hms]+ left)?)");
  // The out-of-sample measuring's progress: shown only when it has taken a second, so
  // present or not by the clock (the sanitizer build takes longer than a second).
  static const std::regex measuring(
      R"((fold [0-9]+/[0-9]+: )?measuring out of sample: [0-9]+ of [0-9]+ strategies, [0-9]+/s, [0-9hms]+ elapsed(, ~[0-9hms]+ left)?)");
  static const std::regex search_speed(R"(evaluated in [0-9.]+ s \([0-9]+ per second;)");
  static const std::regex cache_counts(R"(output cache: [0-9]+ hits, [0-9]+ misses)");

  std::vector<std::string> lines;
  for (auto& line : split_lines(text)) {
    if (std::regex_match(line, sla_warning) || std::regex_match(line, measuring)) continue;
    if (std::regex_match(line, progress)) {
      if (lines.empty() || lines.back() != "<progress>") lines.push_back("<progress>");
      continue;
    }
    line = std::regex_replace(line, search_speed, "evaluated in <seconds> s (<rate> per second;");
    if (rules.cache_counts) line = std::regex_replace(line, cache_counts, "output cache: <race> hits, <race> misses");
    lines.push_back(line);
  }
  mask_module_table(lines);
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  if (!text.empty() && text.back() != '\n' && !out.empty()) out.pop_back();
  return replace_paths(out, rules.paths);
}

}  // namespace mosaic_test::golden
