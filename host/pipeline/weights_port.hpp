// The weights a run asks the backtest to trade: weights.final when the risk layer produced
// it, else weights.target.
#pragma once

#include "host/data/port_value.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mosaic::host {

struct WeightsMatrix {
  std::string port;
  std::vector<double> values;  // column-major: values[asset * bars + bar]
};

// nullopt when the run produced neither port. Throws std::runtime_error when the panel is
// not bars x assets.
std::optional<WeightsMatrix> run_weights(const std::map<std::string, PortValue>& ports, size_t bars, size_t assets);

// The same weights for a search that backtests every run, copied only when they must be:
// with one asset the port's own column is already the column-major matrix; with more, the
// columns are separate buffers and go into `scratch` (its storage reused from call to call).
struct WeightsView {
  std::string_view port;
  std::span<const double> values;  // column-major; valid while `ports` and `scratch` are
};
std::optional<WeightsView> run_weights_view(const std::map<std::string, PortValue>& ports, size_t bars,
                                            size_t assets, std::vector<double>& scratch);

}  // namespace mosaic::host
