#include "host/research/objective.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace mosaic::host::research {

std::vector<std::string> metric_names() {
  std::vector<std::string> names;
  for (const auto& [name, member] : Metrics::fields()) names.push_back(name);
  return names;
}

std::optional<double> metric_value(const Metrics& m, const std::string& name) {
  for (const auto& [n, member] : Metrics::fields())
    if (n == name) return m.*member;
  return std::nullopt;
}

MetricTarget metric_target(const std::string& name) {
  const auto names = metric_names();
  bool known = false;
  std::string list;
  for (const auto& n : names) {
    known = known || n == name;
    list += (list.empty() ? "" : ", ") + n;
  }
  if (!known) throw std::invalid_argument(fmt::format("unknown metric '{}'; expected one of: {}", name, list));
  const bool lower_is_better = name == "ann_volatility" || name == "max_drawdown" || name == "turnover";
  return MetricTarget{name, !lower_is_better};
}

double MetricTarget::value(const Metrics& m) const {
  const double v = metric_value(m, name).value_or(std::numeric_limits<double>::quiet_NaN());
  return std::isfinite(v) ? v : std::numeric_limits<double>::quiet_NaN();
}

bool MetricTarget::better(double a, double b) const {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return maximize ? a > b : a < b;
}

}  // namespace mosaic::host::research
