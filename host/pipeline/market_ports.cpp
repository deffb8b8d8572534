#include "host/pipeline/market_ports.hpp"

#include "host/loader/host_services.hpp"
#include "host/registry/registry.hpp"

#include <algorithm>

namespace mosaic::host {

Shape shape_of(const MarketData& data) {
  Shape s;
  s.ts = data.ts;
  s.tickers = data.tickers;
  return s;
}

std::map<std::string, PortValue> market_ports(const MarketData& data) {
  const Shape shape = shape_of(data);
  std::map<std::string, PortValue> ports;
  for (const auto& [field, values] : data.fields) {
    PanelWriter writer(host_services(), shape);
    for (size_t a = 0; a < data.assets(); ++a) {
      auto src = data.series(field, a);
      std::copy(src.begin(), src.end(), writer.column(a).begin());
    }
    ArrowSchema schema{};
    ArrowArray array{};
    writer.release_into(&schema, &array);
    ports[field] = PortValue{field, kDataSource, std::make_shared<ArrowBatch>(&schema, &array), 1.0};
  }
  return ports;
}

std::map<std::string, int32_t> market_port_layouts(const MarketData& data) {
  std::map<std::string, int32_t> layouts;
  for (const auto& [field, values] : data.fields) layouts[field] = MOSAIC_LAYOUT_PANEL;
  return layouts;
}

}  // namespace mosaic::host
