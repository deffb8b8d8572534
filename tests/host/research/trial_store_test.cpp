// The trial store keeps one trial per key; candidates of one key may differ in what the key
// ignores (a switched-off module's parameters), and the trial shows the first of them in the
// search's order, whichever thread settled first.
#include "host/research/trial_store.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

// momentum switched off, with `lookback` (which the key ignores), and portfolio on.
Candidate with_momentum_off(int64_t lookback) {
  Candidate c;
  c.enabled = {{"momentum", false}, {"portfolio", true}};
  c.params["momentum"] = {BoundParam{"lookback", ParamValue::of_int(lookback)}};
  c.params["portfolio"] = {BoundParam{"rebalance", ParamValue::of_int(1)}};
  return c;
}

RecordedTrial result() {
  RecordedTrial r;
  r.ok = true;
  return r;
}

}  // namespace

TEST_CASE("trial store: of one key's candidates, the trial keeps the first in the search's order") {
  REQUIRE(with_momentum_off(10).key() == with_momentum_off(30).key());
  for (const bool lower_first : {true, false}) {
    SearchSettings settings;
    TrialStore store(settings);
    if (lower_first) {
      store.adopt(with_momentum_off(10), 40, result());
      store.adopt(with_momentum_off(30), 41, result());
    } else {  // the thread with the later point settled first
      store.adopt(with_momentum_off(30), 41, result());
      store.adopt(with_momentum_off(10), 40, result());
    }
    const std::vector<Trial> trials = store.take_trials();
    REQUIRE(trials.size() == 1);
    CHECK(trials[0].order == 40);
    CHECK(trials[0].candidate.param("momentum", "lookback")->i == 10);
  }
}
