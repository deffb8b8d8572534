// What the optimizer scores: metrics by name, each with the direction that makes it better,
// folded into one number to minimise (pagmo minimises; so does everything else here).
#pragma once

#include "host/backtest/metrics.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::research {

struct MetricTarget {
  std::string name;
  bool maximize = true;
  // The metric's value, NaN when undefined (or not finite).
  double value(const Metrics& m) const;
  // The value to minimise: -value when maximising. NaN stays NaN.
  double minimized(const Metrics& m) const { return maximize ? -value(m) : value(m); }
  // Whether `a` beats `b` (NaN loses to everything).
  bool better(double a, double b) const;
};

// The metric names a target may use, in display order.
std::vector<std::string> metric_names();

// Throws std::invalid_argument naming the known metrics when `name` is not one. Lower is
// better for ann_volatility, max_drawdown and turnover; higher for the rest.
MetricTarget metric_target(const std::string& name);

// A metric's value by name; nullopt when there is no such metric.
std::optional<double> metric_value(const Metrics& m, const std::string& name);

}  // namespace mosaic::host::research
