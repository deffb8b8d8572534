#include "host/serve/shadow_run.hpp"

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

app::ShadowVerdict ShadowRun::verdict(const BacktestSettings& settings, double confidence) const {
  return app::judge_shadow(live_returns_, candidate_returns_, settings, confidence);
}

}  // namespace mosaic::host::serve
