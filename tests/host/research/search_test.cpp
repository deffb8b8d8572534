#include "host/research/search.hpp"

#include "support/pipeline_harness.hpp"

#include "host/research/config_evaluator.hpp"
#include "host/research/eval_data.hpp"
#include "host/research/grid.hpp"
#include "host/research/moments.hpp"
#include "host/research/overfitting.hpp"

#include "landscape_search.hpp"
#include "pbo_reference.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <utility>

using namespace mosaic::host;
using namespace mosaic::host::research;
using mosaic_test::Harness;
using mosaic_test::Landscape;

namespace {

std::pair<int64_t, int64_t> xy(const Trial& t) {
  return {t.candidate.param("toy_landscape", "x")->i, t.candidate.param("toy_landscape", "y")->i};
}

double best_value(const SearchOutcome& o) {
  double best = -1;
  for (const auto& t : o.trials)
    if (t.feasible()) best = std::max(best, t.values[0]);
  return best;
}

}  // namespace

TEST_CASE("grid search evaluates exactly the declared space, each point once") {
  Landscape l;
  SpaceOverrides o;
  o["toy_landscape"]["x"] = ParamOverride::narrowed(0, 100, 10);
  o["toy_landscape"]["y"] = ParamOverride::narrowed(1, 100, 20);
  const SearchOutcome out = l.search(l.space(o), {.method = "grid", .threads = 2});
  std::set<std::pair<int64_t, int64_t>> seen, expected;
  for (const auto& t : out.trials) seen.insert(xy(t));
  for (int64_t x = 0; x <= 100; x += 10)
    for (int64_t y = 1; y <= 100; y += 20) expected.insert({x, y});
  CHECK(out.trials.size() == expected.size());
  CHECK(seen == expected);
  CHECK(out.stop_reason == "space exhausted");
  // The grid's best is the lattice point nearest the bump's peak at (37, 61).
  const Trial* best = &out.trials.front();
  for (const auto& t : out.trials)
    if (t.values[0] > best->values[0]) best = &t;
  CHECK(xy(*best) == std::make_pair<int64_t, int64_t>(40, 61));
}

TEST_CASE("grid search refuses a space larger than its budget and says how large") {
  Landscape l;
  try {
    l.search(l.space(), {.method = "grid", .max_evaluations = 1000});
    FAIL("expected a refusal");
  } catch (const SpaceError& e) {
    CHECK(std::string(e.what()).find("10201") != std::string::npos);
    CHECK(std::string(e.what()).find("1000") != std::string::npos);
  }
}

TEST_CASE("genetic search beats random search at the same budget, on average over seeds") {
  Landscape l;
  const SearchSpace space = l.space();
  double genetic = 0, random = 0;
  const int seeds = 8;
  for (int seed = 1; seed <= seeds; ++seed) {
    const auto s = static_cast<uint64_t>(seed);
    genetic += best_value(l.search(space, {.method = "genetic", .max_evaluations = 150, .threads = 1, .seed = s}));
    random += best_value(l.search(space, {.method = "random", .max_evaluations = 150, .threads = 1, .seed = s}));
  }
  INFO("mean best total return: genetic " << genetic / seeds << ", random " << random / seeds);
  CHECK(genetic > random);
}

TEST_CASE("the same seed and thread count give the same trials") {
  Landscape l;
  const SearchSpace space = l.space();
  for (const char* method : {"random", "genetic", "de", "pso", "cmaes"}) {
    INFO(method);
    const SearchSettings s{.method = method, .max_evaluations = 80, .threads = 2, .seed = 7};
    const SearchOutcome a = l.search(space, s), b = l.search(space, s);
    REQUIRE(a.trials.size() == b.trials.size());
    for (size_t i = 0; i < a.trials.size(); ++i) {
      CHECK(a.trials[i].key == b.trials[i].key);
      CHECK(a.trials[i].values == b.trials[i].values);
    }
  }
}

TEST_CASE("a configuration met twice is evaluated and counted once") {
  Landscape l;
  SpaceOverrides o;
  o["toy_landscape"]["x"] = ParamOverride::narrowed(30, 33);
  o["toy_landscape"]["y"] = ParamOverride::fixed(ParamValue::of_int(61));
  // Four distinct points; a population method keeps proposing them.
  const SearchOutcome out = l.search(l.space(o), {.method = "genetic", .max_evaluations = 50, .threads = 1});
  std::set<std::string> keys;
  for (const auto& t : out.trials) keys.insert(t.key);
  CHECK(keys.size() == out.trials.size());
  CHECK(out.trials.size() == 4);
  CHECK(out.stop_reason == "converged");
}

TEST_CASE("parameter constraints keep configurations from running, metric constraints mark them infeasible") {
  Landscape l;
  const SearchSpace space = l.space();
  SearchSettings s{.method = "random", .max_evaluations = 200, .threads = 2};
  s.targets = {metric_target("total_return")};
  s.constraints = {parse_constraint("toy_landscape.x < toy_landscape.y", space),
                   parse_constraint("total_return < 0.05", space)};
  const SearchOutcome out = l.search(space, s);
  CHECK(out.rejected_by_constraints > 0);
  size_t infeasible = 0;
  for (const auto& t : out.trials) {
    CHECK(xy(t).first < xy(t).second);
    if (t.violation > 0) {
      ++infeasible;
      CHECK(t.values[0] >= 0.05);
      CHECK(t.broken == std::vector<std::string>{"total_return < 0.05"});
    }
    CHECK(minimized_fitness(t, s) == doctest::Approx(t.violation > 0 ? 1e9 + t.violation : -t.values[0]));
  }
  CHECK(infeasible > 0);
}

TEST_CASE("nsga2 needs two targets and returns trials for a Pareto front") {
  Landscape l;
  const SearchSpace space = l.space();
  SearchSettings s{.method = "nsga2", .max_evaluations = 64, .threads = 1};
  s.targets = {metric_target("total_return"), metric_target("ann_volatility")};
  const SearchOutcome out = l.search(space, s);
  CHECK(out.trials.size() > 8);
  for (const auto& t : out.trials) CHECK(t.values.size() == 2);
  s.targets.pop_back();
  CHECK_THROWS_AS(l.search(space, s), std::invalid_argument);
}

TEST_CASE("an interrupt stops the search cleanly and keeps what was evaluated") {
  Landscape l;
  std::atomic<bool> stop{true};
  const SearchOutcome out =
      l.search(l.space(), {.method = "random", .max_evaluations = 500, .threads = 2, .interrupt = &stop});
  CHECK(out.stop_reason == "interrupted");
  CHECK(out.trials.size() < 500);
}

TEST_CASE("a time budget stops the search") {
  Landscape l;
  const SearchOutcome out = l.search(l.space(), {.method = "genetic", .max_seconds = 0.3, .threads = 2});
  CHECK((out.stop_reason == "time budget" || out.stop_reason == "converged"));
  CHECK(out.seconds < 5.0);
}

TEST_CASE("each trial keeps its own evaluation's per-period Sharpe and the block moments of its returns") {
  Landscape l;
  SpaceOverrides o;
  o["toy_landscape"]["x"] = ParamOverride::narrowed(0, 100, 5);
  o["toy_landscape"]["y"] = ParamOverride::narrowed(1, 100, 10);
  const SearchSpace space = l.space(o);
  SearchSettings s{.method = "grid", .threads = 2, .pbo_blocks = 4};
  const SearchOutcome out = l.search(space, s);
  ConfigEvaluator evaluator(l.recipe, nullptr);
  mosaic_test::QuietLog quiet;
  // The CSCV's input as the old search built it: one column of returns per strategy.
  std::vector<std::vector<double>> columns;
  std::set<size_t> strategies;
  for (const auto& t : out.trials) {
    CAPTURE(t.key);
    const Evaluation e = evaluator.evaluate(t.candidate, l.data);
    REQUIRE(e.ok);
    double expected = NAN;
    try {
      expected = return_moments(e.returns).sharpe;
    } catch (const std::invalid_argument&) {
    }
    CHECK(std::bit_cast<uint64_t>(t.sharpe_per_period) == std::bit_cast<uint64_t>(expected));
    const BlockMoments m = block_moments(e.returns, 4);
    CHECK(t.moments.rows == m.rows);
    CHECK(t.moments.sum == m.sum);
    CHECK(t.moments.sumsq == m.sumsq);
    if (strategies.insert(t.strategy).second) columns.push_back(e.returns);
  }
  REQUIRE(columns.size() >= 2);
  const size_t periods = columns.front().size(), n = columns.size();
  std::vector<double> matrix(periods * n);
  for (size_t c = 0; c < n; ++c)
    for (size_t t = 0; t < periods; ++t) matrix[t * n + c] = columns[c][t];
  const PboResult want = mosaic_test::reference_pbo(matrix, periods, n, 4);
  const OverfittingReport got = overfitting_report(out.trials, columns.front(), 4, 2);
  CHECK(got.pbo_configs == n);
  REQUIRE(got.pbo);
  CHECK(got.pbo->pbo == want.pbo);
  REQUIRE(got.pbo->logits.size() == want.logits.size());
  for (size_t k = 0; k < want.logits.size(); ++k) CHECK(std::abs(got.pbo->logits[k] - want.logits[k]) <= 1e-12);
}

TEST_CASE("measure_lanes: each candidate's metrics and scored returns are measure()'s, bit for bit") {
  using namespace mosaic::host;
  using namespace mosaic::host::research;
  const mosaic_test::Landscape l;
  const SearchSpace space = l.space();
  std::vector<research::Candidate> candidates;
  for (uint64_t i : {0, 7, 130, 4000}) candidates.push_back(Grid(space, 1 << 20).at(i));
  mosaic_test::QuietLog quiet;
  for (size_t count = 1; count <= candidates.size(); ++count) {
    CAPTURE(count);
    ConfigEvaluator lanes(l.recipe, nullptr), alone(l.recipe, nullptr);
    std::vector<const research::Candidate*> given;
    for (size_t k = 0; k < count; ++k) given.push_back(&candidates[k]);
    const std::vector<Evaluation> got = lanes.measure_lanes(given, l.data);
    REQUIRE(got.size() == count);
    for (size_t k = 0; k < count; ++k) {
      CAPTURE(k);
      const Evaluation want = alone.evaluate(candidates[k], l.data);
      REQUIRE(got[k].ok == want.ok);
      const auto a = got[k].metrics.items(), b = want.metrics.items();
      for (size_t m = 0; m < a.size(); ++m) CHECK(std::bit_cast<uint64_t>(a[m].second) == std::bit_cast<uint64_t>(b[m].second));
      const StridedReturns r = lanes.lane_returns(k);
      REQUIRE(r.size() == want.returns.size());
      size_t differ = 0;
      for (size_t t = 0; t < r.size(); ++t) differ += std::bit_cast<uint64_t>(r[t]) != std::bit_cast<uint64_t>(want.returns[t]);
      CHECK(differ == 0);
    }
  }
}
