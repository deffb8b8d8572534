// The data source's ports, built in one place for every caller that runs a pipeline on
// data (a run, a search's stretch of bars, serve's window).
#pragma once

#include "host/data/market_data.hpp"
#include "host/data/news_csv.hpp"
#include "host/data/port_value.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace mosaic::host {

// A PANEL per price field and, with `news`, the TABLE `news` holding the items published
// up to the data's last bar: later ones would be news from the future of these bars.
std::map<std::string, PortValue> data_ports(const MarketData& market, const NewsTable* news = nullptr);

// Their layouts, for validating a pipeline before anything runs.
std::map<std::string, int32_t> data_port_layouts(const MarketData& market, bool news);

}  // namespace mosaic::host
