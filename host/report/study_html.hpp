// What report.html shows of `mosaic ablate` and `mosaic compare` folders, from the folders'
// own files (ablation.csv, equity.csv, report.json; a.toml and b.toml for compare).
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>

namespace mosaic::host::report {

// Throw app::Error (Data) naming the file that is missing or malformed.
nlohmann::json ablate_html_data(const std::filesystem::path& dir);
nlohmann::json compare_html_data(const std::filesystem::path& dir);

}  // namespace mosaic::host::report
