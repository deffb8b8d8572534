// How `mosaic compare` shows two strategies measured on the same bars: the metrics side by
// side, the Sharpe-difference tests, a verdict in words, and the same as JSON.
#pragma once

#include "host/backtest/metrics.hpp"
#include "host/research/comparison.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace mosaic::host::cli {

std::string metrics_side_by_side(const Metrics& a, const Metrics& b);
std::string sharpe_tests_table(const research::SharpeComparison& c);
// One line: whether B's Sharpe ratio differs significantly from A's, by both tests.
std::string comparison_verdict(const research::SharpeComparison& c, double confidence);

nlohmann::json metrics_side_by_side_json(const Metrics& a, const Metrics& b);
nlohmann::json sharpe_comparison_json(const research::SharpeComparison& c, double confidence);

}  // namespace mosaic::host::cli
