// The shadow period's verdict: a candidate whose returns are clearly worse is judged worse
// by the tests; one that earns as much is not.
#include "host/serve/shadow_run.hpp"

#include "support/synthetic_prices.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;
using mosaic::host::serve::ShadowRun;

namespace {

BacktestSettings no_rate() {
  BacktestSettings s;
  s.risk_free_rate = 0;
  s.periods_per_year = 252;
  return s;
}

// Closes that rise 0.3% a bar with noise; the live side holds `live`, the candidate `candidate`.
ShadowRun run_with(double live, double candidate, size_t bars) {
  ShadowRun run("", Config{}, nullptr, bars);
  mosaic_test::Lcg rng(3);
  double price = 100;
  for (size_t t = 0; t <= bars; ++t) {
    price *= 1.003 + 0.005 * rng.normal();
    run.step(static_cast<int64_t>(t), {price}, {live}, {candidate});
  }
  return run;
}

}  // namespace

TEST_CASE("shadow: returns are the weights held from one close to the next") {
  ShadowRun run("", Config{}, nullptr, 2);
  run.step(1, {100, 50}, {0.5, 0.5}, {1.0, 0.0});
  CHECK(run.returns() == 0);
  run.step(2, {110, 50}, {0.5, 0.5}, {});
  REQUIRE(run.returns() == 1);
  CHECK(run.live_returns()[0] == doctest::Approx(0.05));
  CHECK(run.candidate_returns()[0] == doctest::Approx(0.10));
  run.step(3, {110, 55}, {0.5, 0.5}, {1.0, 0.0});
  CHECK(run.candidate_returns()[1] == 0.0);  // it held nothing after a bar without weights
  CHECK(run.done());
}

TEST_CASE("shadow: a candidate short of a rising market is worse; one long with the live config is not") {
  const ShadowRun worse = run_with(1.0, -1.0, 40);
  REQUIRE(worse.done());
  const auto v = worse.verdict(no_rate(), 0.95);
  CHECK(v.rejected);
  CHECK(v.comparison.difference < 0);
  REQUIRE_FALSE(v.reasons.empty());
  CHECK(v.reasons[0].find("Jobson-Korkie-Memmel") == 0);

  const auto same = run_with(1.0, 0.5, 40).verdict(no_rate(), 0.95);
  CHECK_FALSE(same.rejected);
  CHECK(same.reasons[0].find("over 40 bars, neither test finds the candidate worse") == 0);
}

TEST_CASE("shadow: a candidate that held nothing has no Sharpe ratio to compare, and is not promoted on no evidence") {
  const auto v = run_with(1.0, 0.0, 40).verdict(no_rate(), 0.95);
  CHECK(v.rejected);
  REQUIRE(v.reasons.size() == 1);
  CHECK(v.reasons[0].find("no evidence: neither test could be computed over 40 bars") == 0);
}
