#include "errors.hpp"

#include "host/app/error.hpp"

namespace py = pybind11;

namespace mosaic::python {
namespace {

const char* class_name(host::app::ErrorKind kind) {
  switch (kind) {
    case host::app::ErrorKind::Usage: return "UsageError";
    case host::app::ErrorKind::Config: return "ConfigError";
    case host::app::ErrorKind::Data: return "DataError";
    case host::app::ErrorKind::Module: return "ModuleError";
    case host::app::ErrorKind::Output: return "OutputError";
  }
  return "Error";
}

}  // namespace

void translate_engine_errors() {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const host::app::Error& e) {
      py::object cls = py::module_::import("mosaic.errors").attr(class_name(e.kind));
      py::object error = cls(e.what(), py::arg("kind") = host::app::error_kind_name(e.kind),
                             py::arg("file") = e.file, py::arg("line") = e.line, py::arg("key") = e.key,
                             py::arg("module") = e.module, py::arg("port") = e.port);
      PyErr_SetObject(cls.ptr(), error.ptr());
    }
  });
}

}  // namespace mosaic::python
