// The data a module is checked on: prices of several shapes (one asset, many, gaps, NaN
// runs, one bar, none), a panel for each other input it declares, and news when it reads
// them. Deterministic for a shape, and cut at any bar for the look-ahead check.
#pragma once

#include "host/data/market_data.hpp"
#include "host/data/news_csv.hpp"
#include "host/data/port_value.hpp"
#include "host/registry/contract_info.hpp"

#include <mosaic/arrow.hpp>

#include <map>
#include <string>
#include <vector>

namespace mosaic::host::check {

struct ShapeSpec {
  std::string name;
  size_t bars = 0, assets = 0;
  bool gaps = false;     // scattered bars without a price
  bool nan_run = false;  // one asset without prices for 40 bars
};
const std::vector<ShapeSpec>& synthetic_shapes();
// The shape most checks use: several assets, a few hundred bars.
const ShapeSpec& standard_shape();

class SyntheticData {
 public:
  // The inputs `contract` declares. unsupported() says why it cannot be fed (a table port
  // other than news).
  SyntheticData(const ContractInfo& contract, const ShapeSpec& shape);
  const std::string& unsupported() const { return unsupported_; }
  size_t bars() const { return market_.bars(); }

  // The ports over bars [0, end); with `extra`, also ports the module did not declare.
  std::map<std::string, PortValue> ports(size_t end, bool extra = false) const;
  Shape shape(size_t end) const;

 private:
  std::vector<double> random_panel(size_t assets, double lo, double hi, uint64_t seed) const;

  MarketData market_;
  std::map<std::string, std::vector<double>> panels_;  // other inputs, asset-major
  NewsTable news_;
  bool wants_news_ = false;
  std::vector<std::string> market_fields_;  // the declared ones
  std::vector<PortInfo> declared_;
  std::string unsupported_;
};

}  // namespace mosaic::host::check
