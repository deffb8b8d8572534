// The backtest of a run's weights, and how it is shown: a metrics table, JSON, and the
// equity and weights files of a run folder.
#pragma once

#include "host/backtest/metrics.hpp"
#include "host/data/market_data.hpp"
#include "host/pipeline/pipeline.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace mosaic::host::cli {

struct BacktestOutcome {
  std::string weights_port;  // weights.final, else weights.target
  BacktestResult result;
  Metrics metrics;
};

// Backtests the run's weights on the data's closes; nullopt when the run produced no
// weights port.
std::optional<BacktestOutcome> backtest_run(const MarketData& data, const RunResult& run,
                                            const BacktestSettings& settings);

std::string metrics_table(const Metrics& m);
nlohmann::json metrics_json(const BacktestOutcome& b, const BacktestSettings& settings);

// equity.csv (date, equity, drawdown) and weights.csv (date, then the held weight of each
// ticker) into `dir`.
void write_backtest_files(const MarketData& data, const BacktestOutcome& b, const std::filesystem::path& dir);

}  // namespace mosaic::host::cli
