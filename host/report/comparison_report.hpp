// How an A/B comparison is shown and what it leaves behind: the metrics side by side,
// the Sharpe-difference tests, a verdict in words, the same as JSON, and its run folder
// (a.toml, b.toml, report.json, summary.txt, equity.csv on the common bars).
#pragma once

#include "host/app/compare.hpp"
#include "host/backtest/metrics.hpp"
#include "host/research/comparison.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace mosaic::host::report {

std::string metrics_side_by_side(const Metrics& a, const Metrics& b);
std::string sharpe_tests_table(const research::SharpeComparison& c);
// One line: whether B's Sharpe ratio differs significantly from A's, by both tests.
std::string comparison_verdict(const research::SharpeComparison& c, double confidence);

nlohmann::json metrics_side_by_side_json(const Metrics& a, const Metrics& b);
nlohmann::json sharpe_comparison_json(const research::SharpeComparison& c, double confidence);

std::string comparison_summary(const app::ComparisonResult& c);
nlohmann::json comparison_report_json(const app::ComparisonResult& c, const std::filesystem::path& folder);
std::string comparison_equity_csv(const app::ComparisonResult& c);
void write_comparison_folder(const app::ComparisonResult& c, const std::filesystem::path& dir);

}  // namespace mosaic::host::report
