// An A/B comparison of two configurations: each run and backtested on its own data, then
// both measured on the bars they share, with tests of their Sharpe difference.
#pragma once

#include "host/app/session.hpp"
#include "host/research/ab_test.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mosaic::host::app {

struct CompareSpec {
  SessionSpec a, b;        // a.config and b.config name the two configs
  std::uint64_t seed = 1;  // of the bootstrap
};

struct ComparedSide {
  std::string path;  // the config as the caller named it
  std::unique_ptr<Session> session;
  std::vector<std::string> degraded_reasons;
  research::WeightsBacktest backtest;  // on its own bars
};

struct ComparisonResult {
  ComparedSide a, b;
  research::AbTest test;
};

// Throws app::Error: what open_session throws for either side; Data when the two data sets
// share no bar; Module when a side produces no weights port.
ComparisonResult compare(const CompareSpec& spec);

}  // namespace mosaic::host::app
