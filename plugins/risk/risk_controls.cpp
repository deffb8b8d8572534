#include "risk_controls.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace mosaic::risk {
namespace {
void require(bool ok, const std::string& message) {
  if (!ok) throw std::invalid_argument(message);
}
}  // namespace

void Controls::check() const {
  require(vol_target >= 0.0 && std::isfinite(vol_target), "vol_target must be >= 0 (0 = off)");
  require(vol_lookback >= 2, "vol_lookback must be >= 2 (got " + std::to_string(vol_lookback) + ")");
  require(max_leverage > 0.0 && std::isfinite(max_leverage), "max_leverage must be > 0");
  require(periods_per_year >= 1, "periods_per_year must be >= 1");
  require(max_weight >= 0.0 && std::isfinite(max_weight), "max_weight must be >= 0 (0 = off)");
  require(max_gross >= 0.0 && std::isfinite(max_gross), "max_gross must be >= 0 (0 = off)");
  require(max_net >= 0.0 && std::isfinite(max_net), "max_net must be >= 0 (0 = off)");
  require(dd_threshold >= 0.0 && dd_threshold < 1.0, "dd_threshold must be in [0, 1) (0 = off)");
  require(dd_factor > 0.0 && dd_factor <= 1.0, "dd_factor must be in (0, 1]");
  require(var_lookback >= 20, "var_lookback must be >= 20 (got " + std::to_string(var_lookback) + ")");
}

double vol_target_scale(double sigma, double gross, double target, double max_leverage, VolBasis basis) {
  if (!(gross > 0.0)) return 1.0;
  const double used = basis == VolBasis::Invested ? std::min(gross, 1.0) : 1.0;
  const double by_vol = sigma > 0.0 ? target * used / sigma : std::numeric_limits<double>::infinity();
  return std::min(by_vol, max_leverage / gross);
}

void apply_caps(std::span<double> w, const Controls& c) {
  if (c.max_weight > 0.0)
    for (auto& x : w) x = std::clamp(x, -c.max_weight, c.max_weight);
  if (c.max_gross > 0.0) {
    double gross = 0.0;
    for (double x : w) gross += std::fabs(x);
    if (gross > c.max_gross) {
      const double k = c.max_gross / gross;
      for (auto& x : w) x *= k;
    }
  }
  if (c.max_net > 0.0) {
    double net = 0.0;
    for (double x : w) net += x;
    if (std::fabs(net) > c.max_net) {
      const double k = c.max_net / std::fabs(net);
      for (auto& x : w) x *= k;
    }
  }
}

}  // namespace mosaic::risk
