// The Backtester of a stretch of market data, for every route from weights to a backtest
// (a single run, a search's evaluations): its closes, and its opens when the settings fill
// at the open.
#pragma once

#include "host/backtest/evaluator.hpp"
#include "host/data/market_data.hpp"

namespace mosaic::host::research {

// Throws std::invalid_argument when the data has no close, or no open for Fill::NextOpen
// (a session refuses that config first, naming its key: app/session.cpp).
Backtester market_backtester(const MarketData& data, const BacktestSettings& settings);

}  // namespace mosaic::host::research
