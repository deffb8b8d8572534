#include "session.hpp"

#include "host/report/html_report.hpp"

namespace py = pybind11;

namespace mosaic::python {

std::string report_page(const std::filesystem::path& folder) {
  try {
    return host::report::write_html_report(folder).string();
  } catch (const std::exception& e) {
    py::gil_scoped_acquire gil;
    PyErr_WarnEx(PyExc_RuntimeWarning, (std::string("report.html not written: ") + e.what()).c_str(), 1);
    return "";
  }
}

}  // namespace mosaic::python
