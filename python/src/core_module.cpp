// mosaic._core: the engine (host/app) for the mosaic Python package, which turns what it
// returns into pandas objects (python/mosaic/).
#include "errors.hpp"
#include "session.hpp"

#include "host/app/runtime_info.hpp"

#include <mosaic/mosaic.h>

#include <pybind11/stl.h>

namespace py = pybind11;
using mosaic::python::OptimizeArgs;
using mosaic::python::PySession;

PYBIND11_MODULE(_core, m) {
  m.doc() = "The Mosaic engine; use the mosaic package, which wraps it.";
  mosaic::python::translate_engine_errors();
  // The interpreter's malloc settings are the interpreter's.
  mosaic::host::app::leave_allocator_settings_alone();
  m.attr("abi_version") = py::make_tuple(MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH);
  m.def("allocator", &mosaic::host::app::allocator);

  py::class_<mosaic::python::RunHandle>(m, "Run").def("write", &mosaic::python::write_run, py::arg("out") = py::none(),
                                                       py::arg("ports") = false);

  py::class_<PySession>(m, "Session")
      .def(py::init<std::optional<std::string>, std::optional<std::string>, std::optional<std::string>,
                    std::optional<std::string>, std::string>(),
           py::arg("config") = py::none(), py::arg("data") = py::none(), py::arg("plugins") = py::none(),
           py::arg("prices_text") = py::none(), py::arg("prices_label") = "")
      .def_property_readonly("config_file", [](const PySession& s) { return s.session->config.file.string(); })
      .def_property_readonly("plugin_dir", [](const PySession& s) { return s.session->plugin_dir.string(); })
      .def_property_readonly("data_file", [](const PySession& s) { return s.session->config.prices.string(); })
      .def("run", &mosaic::python::run)
      .def(
          "optimize",
          [](PySession& s, std::optional<std::string> method, std::optional<uint64_t> budget,
             std::optional<double> seconds, std::optional<std::vector<std::string>> targets,
             std::optional<int> threads, std::optional<uint64_t> seed, std::optional<double> train_fraction,
             std::optional<int> walk_forward, std::optional<std::string> out, py::object progress) {
            return mosaic::python::optimize(s, OptimizeArgs{method, budget, seconds, targets, threads, seed,
                                                            train_fraction, walk_forward, out, progress});
          },
          py::arg("method") = py::none(), py::arg("budget") = py::none(), py::arg("seconds") = py::none(),
          py::arg("targets") = py::none(), py::arg("threads") = py::none(), py::arg("seed") = py::none(),
          py::arg("train_fraction") = py::none(), py::arg("walk_forward") = py::none(), py::arg("out") = py::none(),
          py::arg("progress") = py::none())
      .def("ablate", &mosaic::python::ablate, py::arg("seed") = 1, py::arg("out") = py::none())
      .def("compare", &mosaic::python::compare, py::arg("other"), py::arg("seed") = 1, py::arg("out") = py::none());

  m.def("modules", &mosaic::python::modules, py::arg("config") = py::none(), py::arg("plugins") = py::none());
}
