#include "host/pipeline/weights_port.hpp"

#include <mosaic/arrow.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace mosaic::host {

std::optional<WeightsMatrix> run_weights(const std::map<std::string, PortValue>& ports, size_t bars, size_t assets) {
  for (const char* name : {"weights.final", "weights.target"}) {
    auto it = ports.find(name);
    if (it == ports.end()) continue;
    PanelView w(it->second.batch->schema(), it->second.batch->array(), name);
    if (w.assets() != assets || w.rows() != bars)
      throw std::runtime_error(fmt::format("{} has {} x {}, the data {} x {}", name, w.rows(), w.assets(), bars, assets));
    WeightsMatrix m{name, std::vector<double>(bars * assets)};
    for (size_t a = 0; a < assets; ++a) {
      auto col = w.column(a);
      std::copy(col.begin(), col.end(), m.values.begin() + static_cast<std::ptrdiff_t>(a * bars));
    }
    return m;
  }
  return std::nullopt;
}

}  // namespace mosaic::host
