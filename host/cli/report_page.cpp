#include "host/cli/report_page.hpp"

#include "host/app/error.hpp"
#include "host/report/html_report.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

std::string write_report_page(const std::string& command, const std::filesystem::path& folder) {
  try {
    return report::write_html_report(folder).string();
  } catch (const std::exception& e) {  // app::Error with its place, or anything else
    fmt::print(stderr, "mosaic {}: warning: report.html not written: {}\n", command, e.what());
    return "";
  }
}

}  // namespace mosaic::host::cli
