// The [serve.reoptimize] table: when a running `mosaic serve` re-optimizes its config in
// the background, on which bars, and the gate a candidate must pass to go live.
//
//   [serve.reoptimize]
//   every = 250                 # bars between occasions, or a duration ("30m", "1h")
//   window = 1000               # trailing bars each occasion works on, the holdout included
//   holdout = 250               # the most recent of them, which the optimizer may not see
//   method = "random"           # default: [optimize] method
//   target = "sharpe"           # default: [optimize] target (one metric)
//   budget = 300                # default: [optimize] budget
//   threads = 1                 # the search's threads, at most (default 1)
//   seed = 1                    # default: [optimize] seed
//   [serve.reoptimize.gate]
//   margin = 0.1                # the candidate beats the live config on the holdout by this much
//                               # in the target metric (its units, in its better direction)
//   min_dsr = 0.9               # floor on the winner's Deflated Sharpe Ratio (a probability)
//   max_pbo = 0.5               # ceiling on the search's Probability of Backtest Overfitting
//   shadow_bars = 0             # K > 0: run the candidate beside the live config for K bars first
//   shadow_confidence = 0.95    # how sure the shadow's tests must be that it is worse to reject it
#pragma once

#include "host/config/toml_reader.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace mosaic::host {

struct ReoptimizeGate {
  double margin = 0.0;
  double min_dsr = 0.95;
  double max_pbo = 0.5;
  size_t shadow_bars = 0;
  double shadow_confidence = 0.95;
};

struct ReoptimizeConfig {
  std::optional<uint64_t> every_bars;     // one of the two
  std::optional<double> every_seconds;
  size_t window = 0;
  size_t holdout = 0;
  std::optional<std::string> method;      // unset: [optimize]'s
  std::optional<std::string> target;
  std::optional<uint64_t> max_evaluations;  // with max_seconds, replaces [optimize]'s budget when either is set
  std::optional<double> max_seconds;
  int threads = 1;
  std::optional<uint64_t> seed;
  ReoptimizeGate gate;
  size_t line = 0;  // of the table
};

// Reads [serve.reoptimize]; throws ConfigError at the offending key.
ReoptimizeConfig read_reoptimize(const TomlReader& r, const toml::table& t);

}  // namespace mosaic::host
