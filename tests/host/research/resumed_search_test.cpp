// A search given the trials of an earlier run of itself (a resumed search) takes them rather
// than evaluating them, and ends where the uninterrupted search ends.
#include "landscape_search.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>

using namespace mosaic::host;
using namespace mosaic::host::research;
using mosaic_test::Landscape;

namespace {

// The trials an interrupted run had finished: the first `n` in the search's order.
RecordedTrials first_trials(const std::vector<Trial>& trials, size_t n) {
  RecordedTrials out;
  for (size_t i = 0; i < n; ++i) out.emplace(trials[i].key, record_of(trials[i]));
  return out;
}

void check_same_trials(const SearchOutcome& a, const SearchOutcome& b) {
  REQUIRE(a.trials.size() == b.trials.size());
  CHECK(a.strategies == b.strategies);
  CHECK(a.stop_reason == b.stop_reason);
  for (size_t i = 0; i < a.trials.size(); ++i) {
    const Trial &x = a.trials[i], &y = b.trials[i];
    INFO("trial " << i);
    CHECK(x.key == y.key);
    CHECK(x.order == y.order);
    CHECK(x.values == y.values);
    CHECK(x.strategy == y.strategy);
    CHECK(x.returns_hash == y.returns_hash);
    CHECK(x.moments.sum == y.moments.sum);
    CHECK(x.sharpe_per_period == y.sharpe_per_period);
  }
}

}  // namespace

TEST_CASE("a resumed search evaluates only what its record lacks and ends as the uninterrupted one") {
  Landscape l;
  SpaceOverrides narrow;
  narrow["toy_landscape"]["x"] = ParamOverride::narrowed(0, 100, 5);
  narrow["toy_landscape"]["y"] = ParamOverride::narrowed(1, 100, 9);
  for (const char* method : {"grid", "random", "genetic", "de", "pso", "cmaes"}) {
    INFO(method);
    const bool grid = std::string(method) == "grid";
    const SearchSpace space = grid ? l.space(narrow) : l.space();
    SearchSettings s{.method = method, .max_evaluations = grid ? std::nullopt : std::optional<uint64_t>(90),
                     .threads = 2, .seed = 7};
    const SearchOutcome whole = l.search(space, s);
    REQUIRE(whole.trials.size() > 20);

    const RecordedTrials recorded = first_trials(whole.trials, whole.trials.size() / 2);
    std::atomic<size_t> evaluated{0};
    s.recorded = &recorded;
    s.on_trial = [&evaluated](const Trial& t) { evaluated += !t.replayed; };
    const SearchOutcome resumed = l.search(space, s);

    check_same_trials(whole, resumed);
    CHECK(resumed.replayed == recorded.size());
    CHECK(evaluated.load() == whole.trials.size() - recorded.size());
    for (const auto& t : resumed.trials) CHECK(t.replayed == (recorded.count(t.key) == 1));
  }
}

TEST_CASE("a recorded trial stands in for its evaluation as it was, failure and all") {
  Landscape l;
  const SearchSpace space = l.space();
  const SearchSettings s{.method = "random", .max_evaluations = 5, .threads = 1, .seed = 3};
  const SearchOutcome whole = l.search(space, s);
  REQUIRE(whole.trials.size() == 5);
  const std::string key = whole.trials[2].key;
  REQUIRE(whole.trials[2].eval.ok);

  RecordedTrial failed;
  failed.ok = false;
  failed.error = "toy_landscape: segfault (recorded)";
  const RecordedTrials recorded = {{key, failed}};
  SearchSettings again = s;
  again.recorded = &recorded;
  const SearchOutcome out = l.search(space, again);
  REQUIRE(out.trials.size() == 5);
  const Trial& t = out.trials[2];
  CHECK(t.key == key);
  CHECK(t.replayed);
  CHECK_FALSE(t.eval.ok);
  CHECK(t.eval.error == "toy_landscape: segfault (recorded)");
  CHECK_FALSE(t.feasible());
  CHECK(t.strategy == 0);
  CHECK(out.replayed == 1);
}
