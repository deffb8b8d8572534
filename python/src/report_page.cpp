#include "session.hpp"

#include "host/report/html_report.hpp"

namespace py = pybind11;

namespace mosaic::python {

std::string report_page(const std::filesystem::path& folder, std::string& warning) {
  try {
    return host::report::write_html_report(folder).string();
  } catch (const std::exception& e) {
    warning = std::string("report.html not written: ") + e.what();
    return "";
  }
}

void warn_if(const std::string& warning) {
  if (!warning.empty() && PyErr_WarnEx(PyExc_RuntimeWarning, warning.c_str(), 1) < 0) throw py::error_already_set();
}

}  // namespace mosaic::python
