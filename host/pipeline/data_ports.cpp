#include "host/pipeline/data_ports.hpp"

#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/news_port.hpp"

namespace mosaic::host {
namespace {

NewsTable published_by(const NewsTable& news, int64_t last) {
  NewsTable cut;
  for (size_t i = 0; i < news.rows() && news.ts[i] <= last; ++i) {
    cut.ts.push_back(news.ts[i]);
    cut.ticker.push_back(news.ticker[i]);
    cut.headline.push_back(news.headline[i]);
    cut.body.push_back(news.body[i]);
  }
  return cut;
}

}  // namespace

std::map<std::string, PortValue> data_ports(const MarketData& market, const NewsTable* news) {
  auto ports = market_ports(market);
  if (news) ports.emplace(kNewsPort, news_port(market.ts.empty() ? *news : published_by(*news, market.ts.back())));
  return ports;
}

std::map<std::string, int32_t> data_port_layouts(const MarketData& market, bool news) {
  auto layouts = market_port_layouts(market);
  if (news) layouts[kNewsPort] = MOSAIC_LAYOUT_TABLE;
  return layouts;
}

}  // namespace mosaic::host
