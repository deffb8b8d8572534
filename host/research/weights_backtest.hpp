// The one route from a pipeline run to its backtest and metrics, for every caller that
// backtests a single run (run, ablate, compare); a search's evaluator takes the same
// weights (run_weights_view) through the same Backtester, reusing its buffers.
#pragma once

#include "host/backtest/evaluator.hpp"
#include "host/backtest/metrics.hpp"
#include "host/data/market_data.hpp"
#include "host/pipeline/pipeline.hpp"

#include <optional>
#include <string>

namespace mosaic::host::research {

struct WeightsBacktest {
  std::string weights_port;  // weights.final, else weights.target
  BacktestResult result;
  Metrics metrics;
};

// The run's weights traded on the data's closes; nullopt when the run produced no weights
// port. Throws std::runtime_error when the weights panel is not bars x assets.
std::optional<WeightsBacktest> backtest_weights(const MarketData& data, const RunResult& run,
                                                const BacktestSettings& settings);

}  // namespace mosaic::host::research
