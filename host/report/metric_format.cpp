#include "host/report/metric_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mosaic::host::report {

bool is_fraction_metric(const std::string& m) {
  return m == "total_return" || m == "cagr" || m == "ann_volatility" || m == "max_drawdown" || m == "hit_rate";
}

std::string format_metric(const std::string& metric, double value) {
  if (!std::isfinite(value)) return "-";
  return is_fraction_metric(metric) ? fmt::format("{:.2f}%", 100 * value) : fmt::format("{:.3f}", value);
}

// A change of a percentage is in percentage points, so it is not mistaken for a relative one.
std::string format_metric_change(const std::string& metric, double change) {
  if (!std::isfinite(change)) return "-";
  return is_fraction_metric(metric) ? fmt::format("{:+.2f}pp", 100 * change) : fmt::format("{:+.3f}", change);
}

std::string format_interval(const std::string& metric, double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high)) return "-";
  return fmt::format("[{}, {}]", format_metric_change(metric, low), format_metric_change(metric, high));
}

nlohmann::json json_number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

std::string metric_cell(double v) { return std::isfinite(v) ? fmt::format("{:.10g}", v) : ""; }

}  // namespace mosaic::host::report
