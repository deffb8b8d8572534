// How metric values and their changes are written in tables and JSON, shared by the
// research commands: fractions as percentages, ratios to three decimals, NaN as "-".
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace mosaic::host::report {

// Metrics::items() names whose values are fractions of equity or of periods.
bool is_fraction_metric(const std::string& metric);

std::string format_metric(const std::string& metric, double value);               // "12.34%", "0.512", "-"
std::string format_metric_change(const std::string& metric, double change);       // "+1.23pp", "-0.120", "-"
std::string format_interval(const std::string& metric, double low, double high);  // "[-0.120, +0.050]"

// A metric in a CSV file: 10 significant digits, empty for NaN and infinities.
std::string metric_cell(double v);

// A JSON number, or null for NaN and infinities (which JSON cannot hold).
nlohmann::json json_number(double x);

}  // namespace mosaic::host::report
