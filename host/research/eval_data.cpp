#include "host/research/eval_data.hpp"

#include "host/pipeline/data_ports.hpp"
#include "host/research/market_backtester.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/output_cache.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace mosaic::host::research {

EvalData make_eval_data(const MarketData& data, const NewsTable* news, const BacktestSettings& settings,
                        size_t end_bar, size_t score_from) {
  if (!(score_from < end_bar && end_bar <= data.bars()))
    throw std::out_of_range(
        fmt::format("evaluation window: score from bar {} of [0, {}) within {} bars", score_from, end_bar, data.bars()));
  EvalData d;
  d.market = end_bar == data.bars() ? data : data.slice(0, end_bar);
  d.ports = data_ports(d.market, news);
  for (auto& [name, port] : d.ports) port.key = content_key(port.batch->schema(), port.batch->array());
  d.shape = shape_of(d.market);
  d.timelines = timelines_on_shape(d.ports, d.shape);
  d.settings = settings;
  if (d.market.has("close")) d.backtester = market_backtester(d.market, settings);
  d.score_from = score_from;
  return d;
}

}  // namespace mosaic::host::research
