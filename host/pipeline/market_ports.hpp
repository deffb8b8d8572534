// Turns loaded market data into the data source's ports: one PANEL per price field.
#pragma once

#include "host/data/market_data.hpp"
#include "host/data/port_value.hpp"

#include <mosaic/arrow.hpp>

#include <map>
#include <string>

namespace mosaic::host {

Shape shape_of(const MarketData& data);

// "open", "high", "low", "close", "volume", as present in the data.
std::map<std::string, PortValue> market_ports(const MarketData& data);

// The layouts of the ports market_ports would produce, for validation without data.
std::map<std::string, int32_t> market_port_layouts(const MarketData& data);

}  // namespace mosaic::host
