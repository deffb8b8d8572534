// The [optimize] table of a config: how `mosaic optimize` searches, and the
// [optimize.space.<module>] tables that shape its search space.
//
//   [optimize]
//   method = "genetic"          # grid, random, genetic, de, cmaes, pso, nsga2
//   target = "sharpe"           # a metric; nsga2 takes two: targets = ["sharpe", "max_drawdown"]
//   budget = "2m"               # evaluations (5000) or a duration ("90s", "2m", "1h")
//   threads = 2                 # 0: one per core
//   seed = 1
//   train_fraction = 0.7        # the optimizer sees the first 70% of the bars
//   walk_forward = 0            # K > 0: K walk-forward folds instead
//   walk_forward_mode = "anchored"  # or "rolling": each fold trains on the one block before its test
//   population = 0              # population methods; 0: chosen from the space
//   switches = true             # on/off genes for the optional modules
//   pbo_blocks = 16             # S of the CSCV behind the PBO
//   cache_mb = 256              # module outputs kept across configurations (0: none)
//   out_of_sample = 1000        # strategies measured out of sample for the report; "all": every one
//   only = ["volbreak"]         # search these modules alone; the others keep their configured values
//   constraints = ["max_drawdown < 0.25", "technical.fast < technical.slow"]
//   [optimize.space.technical]
//   enabled = true              # fix the module on: no on/off gene
//   search = ["fast", "slow"]   # only these parameters; the rest keep their values
//   fast = { min = 5, max = 50, step = 5 }
//   trend_ma = "sma"            # a bare value fixes a parameter
//   rsi_period = false          # false leaves a (non-bool) parameter out
#pragma once

#include "host/config/space_overrides.hpp"
#include "host/config/toml_reader.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mosaic::host {

struct OptimizeConfig {
  std::string method = "grid";
  std::vector<std::string> targets = {"sharpe"};
  std::optional<uint64_t> max_evaluations;
  std::optional<double> max_seconds;
  int threads = 0;
  uint64_t seed = 1;
  double train_fraction = 0.7;
  int walk_forward = 0;
  bool rolling = false;  // walk_forward_mode = "rolling"; else anchored (expanding)
  int population = 0;
  bool switches = true;
  size_t pbo_blocks = 16;
  size_t cache_mb = 256;
  size_t out_of_sample = 1000;  // SIZE_MAX: "all"
  std::vector<std::string> only;  // empty: every module is searched
  std::vector<std::string> constraints;
  SpaceOverrides space;
  std::map<std::string, bool> fixed_enabled;
  std::set<std::string> search_only;  // modules with `search`: parameters not listed are left out  // module -> on/off, from optimize.space.<m>.enabled
  // Where each part was written, for errors found once the contracts are known:
  // "constraints[i]", "<module>", "<module>.<param>" -> line.
  std::map<std::string, size_t> lines;
  size_t line = 0;  // of the [optimize] table; 0 when the config has none
};

inline const std::vector<std::string>& optimize_methods() {
  static const std::vector<std::string> m = {"grid", "random", "genetic", "de", "cmaes", "pso", "nsga2"};
  return m;
}

// Reads an [optimize] table; throws ConfigError at the offending key.
OptimizeConfig read_optimize(const TomlReader& r, const toml::table& t);

// "5000" or 5000 -> evaluations; "90s", "2m", "1h", "1m30s" -> seconds. Returns false when
// the text is neither.
bool parse_budget(const std::string& text, std::optional<uint64_t>& evaluations, std::optional<double>& seconds);

}  // namespace mosaic::host
