// The regime module: a Gaussian HMM (2 or 3 states) on the market's daily log returns,
// refitted walk-forward, publishing the filtered probability of the high-volatility state.
//
//   input   close               panel, required
//   output  regime.p_high_vol   one-column panel ("market"): filtered P(highest-variance state)
//           regime.state        one-column panel ("market"): argmax of the filtered posterior,
//                               0 = calmest ... states-1 = high volatility
// Both are NaN until the first fit (min_history finite returns). Their confidence is the
// filtered posterior of the chosen state at the last bar (0 when there is no fit yet).
// See walk_forward.hpp for the schedule and hmm.hpp for the model's conventions.
//
// State handover (mosaic.ext.state/1): the saved state is every fit of the last run (bar,
// window, key, parameters); a successor that loads it reuses each fit whose key matches the
// data it is given, so a hot reload does not refit from scratch.
#pragma once

#include "walk_forward.hpp"

#include <mosaic/module.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mosaic::regime {

class RegimeModule final : public mosaic::Module {
 public:
  static mosaic::Contract contract();
  explicit RegimeModule(const mosaic::Params& p);

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override;
  void self_test() override;

  bool saves_state() const override { return true; }
  std::vector<uint8_t> save_state() override;
  void load_state(std::span<const uint8_t> bytes) override;

  // For tests and diagnostics.
  const WalkForwardSettings& settings() const { return settings_; }
  const std::vector<FitRecord>& fits() const { return fits_; }
  const RegimePath& last_path() const { return path_; }

  // "RGM1": the saved-state format this build reads and writes.
  static constexpr uint32_t kStateFormat = 0x314d4752;

 private:
  WalkForwardSettings settings_;
  std::string market_;
  std::vector<FitRecord> fits_;
  RegimePath path_;
  EmWorkspace workspace_;  // per instance, not thread_local (it would pin the library)
};

}  // namespace mosaic::regime
