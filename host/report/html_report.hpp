// report.html: one self-contained page per run folder (HTML, the folder's data as JSON, the
// report's script and the chart library inlined), which opens offline from file://.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace mosaic::host::report {

// Which command wrote the folder, from its files: "run", "optimize", "ablate", "compare",
// or "" when it is none of them.
std::string folder_kind(const std::filesystem::path& dir);

// The page's data for the folder. Throws app::Error: Usage for a folder that is not a run
// folder, or of a kind whose report is not built yet; Data for a missing or malformed file.
nlohmann::json html_report_data(const std::filesystem::path& dir);

// The whole page for `data`; `library` is the packed chart library (chart_library.hpp).
std::string html_page(const nlohmann::json& data, const std::string& library);

// Writes dir/report.html from the folder's files and returns its path. Throws as
// html_report_data, and app::Error (Output) when it cannot be written or the chart library
// cannot be read.
std::filesystem::path write_html_report(const std::filesystem::path& dir);

}  // namespace mosaic::host::report
