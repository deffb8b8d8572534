#include "host/serve/shadow_run.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mosaic::host::serve {
namespace {

// The return of holding `weights` from `from` to `to` closes; a missing price earns 0.
double held_return(const std::vector<double>& weights, const std::vector<double>& from, const std::vector<double>& to) {
  if (weights.size() != from.size() || from.size() != to.size()) return 0.0;
  double r = 0;
  for (size_t a = 0; a < weights.size(); ++a)
    if (std::isfinite(weights[a]) && std::isfinite(from[a]) && std::isfinite(to[a]) && from[a] > 0)
      r += weights[a] * (to[a] / from[a] - 1.0);
  return r;
}

}  // namespace

ShadowRun::ShadowRun(std::string text, Config config, std::unique_ptr<Pipeline> pipeline, size_t bars)
    : text_(std::move(text)), config_(std::move(config)), pipeline_(std::move(pipeline)), bars_(bars) {}

void ShadowRun::step(int64_t ts, const std::vector<double>& closes, const std::vector<double>& live,
                     const std::vector<double>& candidate) {
  if (!last_closes_.empty()) {
    times_.push_back(ts);
    live_returns_.push_back(held_return(last_live_, last_closes_, closes));
    candidate_returns_.push_back(held_return(last_candidate_, last_closes_, closes));
  }
  last_closes_ = closes;
  last_live_ = live;
  last_candidate_ = candidate;
}

ShadowVerdict ShadowRun::verdict(const BacktestSettings& settings, double confidence) const {
  ShadowVerdict v;
  const double rf = std::pow(1.0 + settings.risk_free_rate, 1.0 / settings.periods_per_year) - 1.0;
  std::vector<double> a(live_returns_), b(candidate_returns_);
  for (auto& x : a) x -= rf;
  for (auto& x : b) x -= rf;
  research::BootstrapSettings bootstrap;
  bootstrap.confidence = confidence;
  v.comparison = research::compare_sharpe(a, b, settings.periods_per_year, bootstrap, confidence);
  const auto& c = v.comparison;
  const double alpha = 1.0 - confidence;
  if (c.jobson_korkie_memmel && c.difference < 0 && c.jobson_korkie_memmel->p_value < alpha)
    v.reasons.push_back(fmt::format("Jobson-Korkie-Memmel: the candidate's Sharpe ratio is lower by {:.4f} per period "
                                    "(p = {:.4f} < {:.4f})",
                                    -c.difference, c.jobson_korkie_memmel->p_value, alpha));
  if (c.bootstrap && c.bootstrap->high < 0)
    v.reasons.push_back(fmt::format("bootstrap: the {:.0f}% interval of the Sharpe difference, [{:.4f}, {:.4f}] per "
                                    "period, lies below 0",
                                    100 * confidence, c.bootstrap->low, c.bootstrap->high));
  v.worse = !v.reasons.empty();
  if (!v.worse)
    v.reasons.push_back(fmt::format("over {} bars, neither test finds the candidate worse (Sharpe difference {:+.4f} "
                                    "per period{})",
                                    c.periods, c.difference,
                                    c.jobson_korkie_memmel ? fmt::format(", p = {:.4f}", c.jobson_korkie_memmel->p_value)
                                                           : std::string()));
  return v;
}

}  // namespace mosaic::host::serve
