// An A/B test of two backtested configurations: both measured on the bars they share by
// A's conventions, their metrics side by side, and the tests of their Sharpe difference.
#pragma once

#include "host/backtest/metrics.hpp"
#include "host/data/market_data.hpp"
#include "host/research/comparison.hpp"
#include "host/research/weights_backtest.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mosaic::host::research {

// One side as it ran on its own data.
struct AbSide {
  const MarketData& data;
  const BacktestSettings& settings;
  const WeightsBacktest& backtest;
  const std::vector<std::string>& degraded_reasons;
};

struct AbTest {
  CommonBars common;
  bool same_calendar = true;
  BacktestSettings measure;  // A's risk-free rate and year length, for both
  BootstrapSettings bootstrap;
  BacktestResult aligned_a, aligned_b;  // on the common bars
  Metrics metrics_a, metrics_b;         // of the aligned results
  SharpeComparison sharpe;
  std::vector<std::string> notes;
};

// Each side keeps its own trading costs, which are part of the strategy; a different
// risk-free rate or year length in B is overridden by A's so that it cannot pass for a
// difference in the strategies (and a note says so). `common` must not be empty.
AbTest ab_test(const AbSide& a, const AbSide& b, CommonBars common, std::uint64_t seed);

}  // namespace mosaic::host::research
