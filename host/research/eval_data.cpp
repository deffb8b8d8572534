#include "host/research/eval_data.hpp"

#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/news_port.hpp"
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
  d.ports = market_ports(d.market);
  if (news) {
    // News published after the last bar would be news from the future of this stretch.
    NewsTable cut;
    const int64_t last = d.market.ts.back();
    for (size_t i = 0; i < news->rows() && news->ts[i] <= last; ++i) {
      cut.ts.push_back(news->ts[i]);
      cut.ticker.push_back(news->ticker[i]);
      cut.headline.push_back(news->headline[i]);
      cut.body.push_back(news->body[i]);
    }
    d.ports.emplace(kNewsPort, news_port(cut));
  }
  for (auto& [name, port] : d.ports) port.key = content_key(port.batch->schema(), port.batch->array());
  d.shape = shape_of(d.market);
  d.settings = settings;
  if (d.market.has("close")) d.backtester = Backtester(d.market.bars(), d.market.assets(), d.market.fields.at("close"));
  d.score_from = score_from;
  return d;
}

}  // namespace mosaic::host::research
