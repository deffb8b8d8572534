// One stretch of the market data made ready for many evaluations: the data ports (with
// their cache keys computed once), the run's shape, and the closes the backtest trades
// (as a Backtester).
#pragma once

#include "host/backtest/evaluator.hpp"
#include "host/data/market_data.hpp"
#include "host/data/news_csv.hpp"
#include "host/data/port_value.hpp"
#include "host/pipeline/output_check.hpp"

#include <mosaic/arrow.hpp>

#include <map>
#include <string>
#include <vector>

namespace mosaic::host::research {

struct EvalData {
  MarketData market;
  std::map<std::string, PortValue> ports;
  Shape shape;
  BacktestSettings settings;
  Backtester backtester;  // of the market's closes, made once for every evaluation
  // The timelines of `ports` that are `shape`'s, compared once here rather than per run.
  VerifiedTimelines timelines;
  // Metrics are measured on bars [score_from, bars): 0 in sample; out of sample, the bar
  // before the first test bar (see backtest_window).
  size_t score_from = 0;
};

// Bars [0, end_bar) of `data` (and the news up to the last of them), scored from
// `score_from`. Throws std::out_of_range unless score_from < end_bar <= data.bars().
EvalData make_eval_data(const MarketData& data, const NewsTable* news, const BacktestSettings& settings,
                        size_t end_bar, size_t score_from = 0);

}  // namespace mosaic::host::research
