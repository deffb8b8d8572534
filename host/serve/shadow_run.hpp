// A candidate config that runs beside the live one for K bars without trading. Each bar,
// both pipelines' weights at the close are noted, and each earns, on the next bar, the
// return of the weights it held (before costs: the two are compared, not booked). After K
// returns, app::judge_shadow says whether the candidate is worse than the live config.
#pragma once

#include "host/config/config.hpp"
#include "host/pipeline/pipeline.hpp"
#include "host/app/reoptimize.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mosaic::host::serve {

struct ShadowVerdict {
  bool worse = false;
  std::vector<std::string> reasons;  // why it is judged worse; or, when not, what the tests said
  research::SharpeComparison comparison;  // A: the live config, B: the candidate
};

class ShadowRun {
 public:
  // `pipeline` is the candidate's, past the deploy gate; `bars` is K.
  ShadowRun(std::string text, Config config, std::unique_ptr<Pipeline> pipeline, size_t bars);

  Pipeline& pipeline() { return *pipeline_; }
  const std::string& text() const { return text_; }
  const Config& config() const { return config_; }

  // After a bar: its time, the last closes (by asset), and the live and candidate weights
  // held from this close on. Empty weights: that side produced none (it earns nothing).
  void step(int64_t ts, const std::vector<double>& closes, const std::vector<double>& live,
            const std::vector<double>& candidate);
  size_t returns() const { return live_returns_.size(); }
  bool done() const { return live_returns_.size() >= bars_; }
  // After done(): app::judge_shadow on the returns.
  app::ShadowVerdict verdict(const BacktestSettings& settings, double confidence) const;

  // Per return: the bar's time, the live return, the candidate's.
  const std::vector<int64_t>& times() const { return times_; }
  const std::vector<double>& live_returns() const { return live_returns_; }
  const std::vector<double>& candidate_returns() const { return candidate_returns_; }

 private:
  std::string text_;
  Config config_;
  std::unique_ptr<Pipeline> pipeline_;
  size_t bars_;
  std::vector<double> last_closes_, last_live_, last_candidate_;
  std::vector<int64_t> times_;
  std::vector<double> live_returns_, candidate_returns_;
};

}  // namespace mosaic::host::serve
