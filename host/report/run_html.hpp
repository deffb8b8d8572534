// What report.html shows of a `mosaic run` folder, as the JSON its script draws from, built
// from the folder's own files (config.toml, equity.csv, benchmark.csv, weights.csv,
// metrics.json, modules.json) so that `mosaic report` can rebuild it anywhere.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>

namespace mosaic::host::report {

// Throws app::Error (Data) naming the file that is missing or malformed.
nlohmann::json run_html_data(const std::filesystem::path& dir);

// The header every report carries: the config's text, the data file, each module's version
// and library with its sha256 (when the library is still there), when the folder was
// written and when the report was built.
nlohmann::json report_header(const std::filesystem::path& dir, const std::string& command);

}  // namespace mosaic::host::report
