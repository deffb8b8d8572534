#include "host/pipeline/weights_port.hpp"

#include <mosaic/arrow.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace mosaic::host {

std::optional<WeightsView> run_weights_view(const std::map<std::string, PortValue>& ports, size_t bars,
                                            size_t assets, std::vector<double>& scratch) {
  for (const char* name : {"weights.final", "weights.target"}) {
    auto it = ports.find(name);
    if (it == ports.end()) continue;
    PanelView w(it->second.batch->schema(), it->second.batch->array(), name);
    if (w.assets() != assets || w.rows() != bars)
      throw std::runtime_error(fmt::format("{} has {} x {}, the data {} x {}", name, w.rows(), w.assets(), bars, assets));
    if (assets == 1) return WeightsView{name, w.column(0)};
    scratch.resize(bars * assets);
    for (size_t a = 0; a < assets; ++a) {
      auto col = w.column(a);
      std::copy(col.begin(), col.end(), scratch.begin() + static_cast<std::ptrdiff_t>(a * bars));
    }
    return WeightsView{name, scratch};
  }
  return std::nullopt;
}

std::optional<WeightsMatrix> run_weights(const std::map<std::string, PortValue>& ports, size_t bars, size_t assets) {
  std::vector<double> scratch;
  auto view = run_weights_view(ports, bars, assets, scratch);
  if (!view) return std::nullopt;
  if (view->values.data() == scratch.data()) return WeightsMatrix{std::string(view->port), std::move(scratch)};
  return WeightsMatrix{std::string(view->port), {view->values.begin(), view->values.end()}};
}

}  // namespace mosaic::host
