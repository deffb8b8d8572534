// What report.html shows of a `mosaic optimize` folder, from the folder's own files
// (report.json, results.csv, out_of_sample.csv, pbo_logits.csv, equity.csv, oos_equity.csv).
// Charts of many points are thinned to kChartPoints by keeping every k-th row in file order,
// and each says so; the CSV files keep every row.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>

namespace mosaic::host::report {

inline constexpr size_t kChartPoints = 5000;
// Points of all the per-parameter charts together (each gets kParameterPoints / parameters,
// at least 300 and at most kChartPoints).
inline constexpr size_t kParameterPoints = 15000;

// Throws app::Error (Data) naming the file that is missing or malformed.
nlohmann::json optimize_html_data(const std::filesystem::path& dir);

}  // namespace mosaic::host::report
