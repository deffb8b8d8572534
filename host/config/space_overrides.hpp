// What a config's [optimize.space.<module>] tables say about the search space: plain data,
// checked against the contracts when the research engine builds its SearchSpace.
#pragma once

#include "host/registry/param_value.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host {

// What [optimize.space.<module>.<param>] says about one parameter. Fields left unset keep
// the declaration. `exclude` leaves the parameter out (fixed at its configured value);
// `value` fixes it; min/max/step narrow an int or float range; `choices` restricts an enum.
struct ParamOverride {
  bool exclude = false;
  std::optional<ParamValue> value;
  std::optional<double> min, max, step;
  std::vector<std::string> choices;  // empty: no restriction

  static ParamOverride left_out() { ParamOverride o; o.exclude = true; return o; }
  static ParamOverride fixed(ParamValue v) { ParamOverride o; o.value = std::move(v); return o; }
  static ParamOverride narrowed(std::optional<double> min, std::optional<double> max,
                                std::optional<double> step = std::nullopt) {
    ParamOverride o; o.min = min; o.max = max; o.step = step; return o;
  }
  static ParamOverride restricted(std::vector<std::string> choices) {
    ParamOverride o; o.choices = std::move(choices); return o;
  }
};

// module name -> param name -> override
using SpaceOverrides = std::map<std::string, std::map<std::string, ParamOverride>>;

}  // namespace mosaic::host
