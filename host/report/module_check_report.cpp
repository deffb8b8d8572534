#include "host/report/module_check_report.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mosaic::host::report {

std::string module_check_text(const std::vector<check::LibraryReport>& reports) {
  std::string out;
  size_t failed = 0, checks = 0;
  for (const auto& r : reports) {
    out += fmt::format("{}{}\n", r.library.string(),
                       r.modules.empty() ? std::string() : fmt::format(" (modules: {})", fmt::join(r.modules, ", ")));
    for (const auto& c : r.results) {
      ++checks;
      failed += c.verdict == check::Verdict::Fail;
      const std::string who = c.module.empty() ? c.check : c.module + " " + c.check;
      out += fmt::format("  {:<4}  {:<28} {:>6.2f}s  {}\n", check::verdict_name(c.verdict), who, c.seconds, c.detail);
    }
    out += "\n";
  }
  out += failed ? fmt::format("{} of {} checks failed\n", failed, checks)
                : fmt::format("all {} checks passed or did not apply\n", checks);
  return out;
}

nlohmann::json module_check_json(const std::vector<check::LibraryReport>& reports) {
  nlohmann::json libraries = nlohmann::json::array();
  bool passed = true;
  for (const auto& r : reports) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& c : r.results)
      results.push_back({{"module", c.module},
                         {"check", c.check},
                         {"verdict", c.verdict == check::Verdict::Pass   ? "pass"
                                     : c.verdict == check::Verdict::Fail ? "fail"
                                                                         : "skip"},
                         {"detail", c.detail},
                         {"seconds", c.seconds}});
    passed = passed && r.passed();
    libraries.push_back({{"library", r.library.string()}, {"modules", r.modules}, {"passed", r.passed()}, {"checks", results}});
  }
  return {{"passed", passed}, {"libraries", libraries}};
}

}  // namespace mosaic::host::report
