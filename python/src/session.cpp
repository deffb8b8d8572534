#include "session.hpp"

namespace py = pybind11;

namespace mosaic::python {

PySession::PySession(std::optional<std::string> config, std::optional<std::string> data,
                     std::optional<std::string> plugins, std::optional<std::string> prices_text,
                     std::string prices_label) {
  host::app::SessionSpec spec;
  if (config) spec.config = *config;
  if (data) spec.data = *data;
  if (plugins) spec.plugins = *plugins;
  spec.prices_text = std::move(prices_text);
  spec.prices_label = std::move(prices_label);
#if defined(MOSAIC_BUILD_PLUGIN_DIR)
  // Imported from the build tree: its modules, which no executable's folder leads to.
  std::error_code ec;
  if (std::filesystem::is_directory(MOSAIC_BUILD_PLUGIN_DIR, ec)) spec.bundled_plugins = MOSAIC_BUILD_PLUGIN_DIR;
#endif
  this->spec = spec;
  py::gil_scoped_release release;
  session = host::app::open_session(spec);
}

}  // namespace mosaic::python
