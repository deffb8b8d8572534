// How a backtest is shown: a metrics table, JSON, and the equity and weights files of a
// run folder.
#pragma once

#include "host/backtest/buy_and_hold.hpp"

#include "host/backtest/metrics.hpp"
#include "host/data/market_data.hpp"
#include "host/research/weights_backtest.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace mosaic::host::report {

std::string metrics_table(const Metrics& m);
// The costs and timing of a backtest in words, e.g. "5 bps costs" or "5 bps costs, 2 bps
// slippage, filled at the open 2 bars later"; what is at its default (no slippage, a fill at
// the deciding bar's close) is left out.
std::string backtest_terms(const BacktestSettings& settings);
nlohmann::json metrics_json(const research::WeightsBacktest& b, const BacktestSettings& settings);

// equity.csv (date, equity, drawdown) and weights.csv (date, then the held weight of each
// ticker) into `dir`.
// equity.csv and weights.csv; with a benchmark, benchmark.csv too.
void write_backtest_files(const MarketData& data, const research::WeightsBacktest& b, const BuyAndHold* benchmark,
                          const std::filesystem::path& dir);

}  // namespace mosaic::host::report
