// The HTML report's own script (host/report/js/report.js, compiled in): it reads the page's
// JSON and draws every chart with the inlined chart library.
#pragma once

namespace mosaic::host::report {

const char* report_script();

}  // namespace mosaic::host::report
