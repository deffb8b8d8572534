// The gate a re-optimized candidate must pass before serve deploys it: each rule alone.
#include "host/app/reoptimize.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;
using mosaic::host::app::GateFigures;
using mosaic::host::app::judge_gate;

namespace {

GateFigures passing() {
  GateFigures f;
  f.target = "sharpe";
  f.live_holdout = 0.5;
  f.candidate_holdout = 0.9;
  f.improvement = 0.4;
  f.dsr = 0.97;
  f.pbo = 0.2;
  f.strategies = 40;
  return f;
}

ReoptimizeGate gate() {
  ReoptimizeGate g;
  g.margin = 0.1;
  g.min_dsr = 0.95;
  g.max_pbo = 0.5;
  return g;
}

}  // namespace

TEST_CASE("gate: a candidate that clears every rule passes") {
  const auto v = judge_gate(passing(), gate());
  CHECK(v.pass);
  CHECK(v.reasons.empty());
}

TEST_CASE("gate: each rule rejects alone, with the figures in its reason") {
  GateFigures f = passing();
  f.improvement = 0.05;
  auto v = judge_gate(f, gate());
  CHECK_FALSE(v.pass);
  REQUIRE(v.reasons.size() == 1);
  CHECK(v.reasons[0] == "holdout: the candidate's sharpe 0.9 against the live config's 0.5 gains +0.05, short of the margin 0.1");

  f = passing();
  f.dsr = 0.9;
  v = judge_gate(f, gate());
  REQUIRE(v.reasons.size() == 1);
  CHECK(v.reasons[0] == "DSR: 0.9000 is below the floor 0.9500 (over 40 strategies)");

  f = passing();
  f.pbo = 0.6;
  v = judge_gate(f, gate());
  REQUIRE(v.reasons.size() == 1);
  CHECK(v.reasons[0] == "PBO: 0.6000 is above the ceiling 0.5000");

  f = passing();
  f.winner_is_live = true;
  v = judge_gate(f, gate());
  REQUIRE(v.reasons.size() == 1);
  CHECK(v.reasons[0] == "the search's winner is the live config");
}

TEST_CASE("gate: a figure that could not be computed fails its rule") {
  GateFigures f = passing();
  f.dsr.reset();
  f.dsr_note = "fewer than 2 periods";
  f.pbo.reset();
  f.pbo_note = "one strategy";
  f.candidate_holdout = NAN;
  f.improvement = NAN;
  const auto v = judge_gate(f, gate());
  CHECK_FALSE(v.pass);
  REQUIRE(v.reasons.size() == 3);
  CHECK(v.reasons[0].find("holdout: sharpe is undefined for the candidate") == 0);
  CHECK(v.reasons[1] == "DSR: not computed (fewer than 2 periods)");
  CHECK(v.reasons[2] == "PBO: not computed (one strategy)");
}

TEST_CASE("gate: a margin on a metric to minimise counts in its better direction") {
  GateFigures f = passing();
  f.target = "max_drawdown";
  f.maximize = false;
  f.live_holdout = 0.30;
  f.candidate_holdout = 0.15;
  f.improvement = f.live_holdout - f.candidate_holdout;  // as reoptimize() computes it
  CHECK(judge_gate(f, gate()).pass);
}
