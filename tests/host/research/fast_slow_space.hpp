// A one-module search space for the research tests: m.fast and m.slow, ints in [1, top]
// (defaults 5 and `slow_default`), and m.kind, an enum of a or b.
#pragma once

#include "host/research/search_space.hpp"

namespace mosaic_test {

inline mosaic::host::research::SearchSpace fast_slow_space(double top, int64_t slow_default) {
  using namespace mosaic::host;
  ContractInfo c;
  c.name = "m";
  ParamInfo fast;
  fast.name = "fast";
  fast.default_value = ParamValue::of_int(5);
  fast.has_range = true;
  fast.min = 1;
  fast.max = top;
  ParamInfo slow = fast;
  slow.name = "slow";
  slow.default_value = ParamValue::of_int(slow_default);
  ParamInfo kind;
  kind.name = "kind";
  kind.default_value = ParamValue::of_string("a", MOSAIC_PARAM_ENUM);
  kind.choices = {"a", "b"};
  c.params = {fast, slow, kind};
  return research::SearchSpace({research::SpaceModule{"m", c, {}}}, {});
}

}  // namespace mosaic_test
