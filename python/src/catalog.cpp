#include "session.hpp"

#include "host/app/plugin_catalog.hpp"
#include "host/report/catalog_report.hpp"

namespace py = pybind11;

namespace mosaic::python {

py::dict modules(std::optional<std::string> config, std::optional<std::string> plugins) {
  host::app::CatalogSpec spec;
  if (config) spec.config = *config;
  if (plugins) spec.plugins = *plugins;
#if defined(MOSAIC_BUILD_PLUGIN_DIR)
  std::error_code ec;
  if (std::filesystem::is_directory(MOSAIC_BUILD_PLUGIN_DIR, ec)) spec.bundled_plugins = MOSAIC_BUILD_PLUGIN_DIR;
#endif
  std::string contracts;
  py::list skipped;
  std::string dir;
  {
    py::gil_scoped_release release;
    const auto catalog = host::app::open_catalog(spec);
    nlohmann::json all = nlohmann::json::array();
    for (const auto& m : host::app::catalog_modules(*catalog))
      all.push_back(host::report::contract_json(m.module->contract, *m.library));
    contracts = all.dump();
    dir = catalog->dir.string();
    py::gil_scoped_acquire gil;
    for (const auto& e : catalog->scan.errors) skipped.append(std::string(e.what()));
  }
  py::dict d;
  d["plugins"] = dir;
  d["modules"] = contracts;
  d["skipped"] = skipped;
  return d;
}

}  // namespace mosaic::python
