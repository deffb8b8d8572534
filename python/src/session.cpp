#include "session.hpp"

#include "host/report/run_folder.hpp"

namespace py = pybind11;

namespace mosaic::python {

PySession::PySession(std::optional<std::string> config, std::optional<std::string> data,
                     std::optional<std::string> plugins, std::optional<std::string> prices_text,
                     std::string prices_label) {
  auto opened = std::make_shared<host::app::SessionSpec>();
  host::app::SessionSpec& spec = *opened;
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
  this->spec = std::move(opened);
  py::gil_scoped_release release;
  session = host::app::open_session(spec);
}

std::filesystem::path new_run_folder(const std::optional<std::string>& out, const char* command) {
  return host::report::make_run_folder(out ? std::optional<std::filesystem::path>(*out) : std::nullopt, command);
}

void save_prices(host::app::Session& session, const host::app::SessionSpec& spec, const std::filesystem::path& folder) {
  if (!spec.prices_text) return;
  const std::filesystem::path file = std::filesystem::absolute(folder / "prices.csv");
  host::report::write_text_file(file, *spec.prices_text);
  session.config.prices = file;
}

}  // namespace mosaic::python
