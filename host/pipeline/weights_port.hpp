// The weights a run asks the backtest to trade: weights.final when the risk layer produced
// it, else weights.target.
#pragma once

#include "host/data/port_value.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host {

struct WeightsMatrix {
  std::string port;
  std::vector<double> values;  // column-major: values[asset * bars + bar]
};

// nullopt when the run produced neither port. Throws std::runtime_error when the panel is
// not bars x assets.
std::optional<WeightsMatrix> run_weights(const std::map<std::string, PortValue>& ports, size_t bars, size_t assets);

}  // namespace mosaic::host
