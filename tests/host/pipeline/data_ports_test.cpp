// The one builder of the data source's ports: a panel per price field, and the news
// published up to the last bar only.
#include <doctest/doctest.h>

#include "host/data/market_data.hpp"
#include "host/pipeline/data_ports.hpp"
#include "host/pipeline/news_port.hpp"

#include <mosaic/arrow.hpp>

using namespace mosaic::host;

namespace {

MarketData two_bars() {
  MarketData d;
  d.ts = {100, 200};
  d.tickers = {"A"};
  d.fields["close"] = {10.0, 11.0};
  return d;
}

}  // namespace

TEST_CASE("data ports: a panel per price field, and no news port without news") {
  const MarketData d = two_bars();
  const auto ports = data_ports(d);
  REQUIRE(ports.size() == 1);
  CHECK(ports.count("close") == 1);
  CHECK(data_port_layouts(d, false) == std::map<std::string, int32_t>{{"close", MOSAIC_LAYOUT_PANEL}});
  CHECK(data_port_layouts(d, true).at(kNewsPort) == MOSAIC_LAYOUT_TABLE);
}

TEST_CASE("data ports: news after the last bar is news from the future and is left out") {
  const MarketData d = two_bars();
  NewsTable news;
  news.ts = {50, 200, 201, 900};
  news.ticker = {"A", "A", "A", "A"};
  news.headline = {"before", "on the last bar", "just after", "much later"};
  news.body = {"", "", "", ""};
  const auto ports = data_ports(d, &news);
  REQUIRE(ports.count(kNewsPort) == 1);
  const auto& port = ports.at(kNewsPort);
  const mosaic::TableView table(port.batch->schema(), port.batch->array(), "news");
  CHECK(table.rows() == 2);
}
