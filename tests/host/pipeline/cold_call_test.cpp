// An instance's first call is cold: its latency is recorded apart (cold_calls,
// last_cold_latency_ms) and not judged against max_latency_ms; every later call is, and a
// new instance (new parameters, a reload) starts cold again.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

using mosaic::host::CallOutcome;
using mosaic::host::ModuleState;
using mosaic::host::RunResult;
using mosaic_test::Harness;
using mosaic_test::module_run;

TEST_CASE("SLA: the first call of an instance is cold: recorded, not judged; the next one is judged") {
  Harness h({.libraries = {"sleeper"}});  // sleeps 30 ms a call, SLA 5 ms
  REQUIRE(h.ok());
  RunResult first = h.run();
  const auto& cold = module_run(first, "sleeper");
  CHECK(cold.outcome == CallOutcome::Ok);
  CHECK(cold.cold);
  CHECK(cold.latency_ms >= 30.0);
  CHECK(cold.latency_ok);
  const auto& st = h.pipeline().stats("sleeper");
  CHECK(st.cold_calls == 1);
  CHECK(st.last_cold_latency_ms >= 30.0);
  CHECK(st.latency_violations == 0);
  CHECK(h.pipeline().state("sleeper") == ModuleState::Healthy);

  RunResult second = h.run();
  const auto& warm = module_run(second, "sleeper");
  CHECK_FALSE(warm.cold);
  CHECK_FALSE(warm.latency_ok);
  CHECK(st.cold_calls == 1);
  CHECK(st.latency_violations == 1);
  CHECK(h.pipeline().state("sleeper") == ModuleState::Degraded);
}

TEST_CASE("SLA: a new instance (new parameters) starts cold again") {
  Harness h({.libraries = {"sleeper"}});
  REQUIRE(h.ok());
  h.run();
  h.run();
  CHECK(h.pipeline().stats("sleeper").latency_violations == 1);
  auto params = h.pipeline().setup("sleeper").params;
  for (auto& p : params)
    if (p.name == "sleep_ms") p.value.i = 31;
  REQUIRE(h.pipeline().reconfigure("sleeper", params));
  RunResult r = h.run();
  CHECK(module_run(r, "sleeper").cold);
  CHECK(module_run(r, "sleeper").latency_ok);
  CHECK(h.pipeline().stats("sleeper").cold_calls == 2);
  CHECK(h.pipeline().stats("sleeper").latency_violations == 1);
}
