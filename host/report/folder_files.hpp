// A run folder's text and JSON files read back for report.html, with errors that name them.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace mosaic::host::report {

// Throws app::Error (Data) naming the file when it cannot be read (or is not JSON).
std::string read_folder_file(const std::filesystem::path& file);
nlohmann::json read_folder_json(const std::filesystem::path& file);

// JSON numbers for a chart: NaN and infinities become null, which the charts leave as gaps.
nlohmann::json chart_numbers(const std::vector<double>& v);

}  // namespace mosaic::host::report
