// What happens downstream of a module that fails, is disabled or is quarantined: a
// required input skips the dependent, an optional one is dropped and the dependent runs.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include <mosaic/arrow.hpp>

#include <algorithm>
#include <string>
#include <vector>

using mosaic::host::CallOutcome;
using mosaic::host::ModuleState;
using mosaic::host::RunResult;
using mosaic_test::degraded_text;
using mosaic_test::Harness;
using mosaic_test::HarnessOptions;
using mosaic_test::module_run;

namespace {

// flaky -> signal.flaky; req_reader needs it; opt_reader takes it if present.
HarnessOptions chain(const std::string& extra, int quarantine_after = 3) {
  return {.libraries = {"flaky", "req_reader", "opt_reader"},
          .module_tables = extra,
          .quarantine_after = quarantine_after};
}

std::string fail_calls(int n) { return "[modules.flaky.params]\nfail_calls = " + std::to_string(n) + "\n"; }

// opt_reader writes 1 where it was given signal.flaky, 0 where not.
double opt_reader_saw_flaky(const RunResult& r) {
  const auto& v = r.ports.at("signal.opt_reader");
  return mosaic::PanelView(v.batch->schema(), v.batch->array()).column(0)[0];
}

size_t position(const RunResult& r, const std::string& name) {
  auto it = std::find_if(r.modules.begin(), r.modules.end(), [&](const auto& m) { return m.name == name; });
  return static_cast<size_t>(it - r.modules.begin());
}

}  // namespace

TEST_CASE("dependents: with a healthy upstream every module runs upstream first") {
  Harness h(chain(fail_calls(0)));
  REQUIRE(h.ok());
  RunResult r = h.run();
  CHECK_FALSE(r.degraded());
  for (const char* name : {"flaky", "req_reader", "opt_reader"}) {
    CAPTURE(name);
    CHECK(module_run(r, name).outcome == CallOutcome::Ok);
  }
  CHECK(position(r, "flaky") < position(r, "req_reader"));
  CHECK(position(r, "flaky") < position(r, "opt_reader"));
  CHECK(r.ports.contains("signal.req_reader"));
  CHECK(opt_reader_saw_flaky(r) == 1.0);
}

TEST_CASE("dependents: a failed upstream skips required readers and drops optional inputs") {
  Harness h(chain(fail_calls(1)));
  REQUIRE(h.ok());

  RunResult r = h.run();
  const auto& flaky = module_run(r, "flaky");
  CHECK(flaky.outcome == CallOutcome::Failed);
  CHECK(flaky.reason.find("flaky: deliberate failure on call 1") != std::string::npos);

  const auto& req = module_run(r, "req_reader");
  CHECK(req.outcome == CallOutcome::Skipped);
  CHECK(req.reason == "skipped: required input 'signal.flaky' is absent");
  CHECK_FALSE(r.ports.contains("signal.req_reader"));
  CHECK(h.pipeline().stats("req_reader").skipped == 1);
  CHECK(h.pipeline().stats("req_reader").calls == 0);

  const auto& opt = module_run(r, "opt_reader");
  CHECK(opt.outcome == CallOutcome::Ok);
  CHECK(opt_reader_saw_flaky(r) == 0.0);  // ran without the optional input

  INFO(degraded_text(r));
  REQUIRE(r.degraded_reasons.size() == 2);
  CHECK(r.degraded_reasons[0] == "flaky: " + flaky.reason);
  CHECK(r.degraded_reasons[1] == "req_reader: skipped: required input 'signal.flaky' is absent");

  // The next run, flaky recovers and everything runs again.
  RunResult again = h.run();
  CHECK_FALSE(again.degraded());
  CHECK(module_run(again, "flaky").outcome == CallOutcome::Ok);
  CHECK(module_run(again, "req_reader").outcome == CallOutcome::Ok);
  CHECK(opt_reader_saw_flaky(again) == 1.0);
  CHECK(h.pipeline().stats("flaky").consecutive_failures == 0);
  CHECK(h.pipeline().state("flaky") == ModuleState::Healthy);
}

TEST_CASE("enable/disable: a module disabled by config does not run and its dependents adapt") {
  Harness h(chain("[modules.flaky]\nenabled = false\n"));
  REQUIRE(h.ok());
  RunResult r = h.run();
  const auto& flaky = module_run(r, "flaky");
  CHECK(flaky.outcome == CallOutcome::Disabled);
  CHECK(h.pipeline().state("flaky") == ModuleState::Disabled);
  CHECK(h.pipeline().stats("flaky").calls == 0);
  CHECK(module_run(r, "req_reader").outcome == CallOutcome::Skipped);
  CHECK(module_run(r, "req_reader").reason == "skipped: required input 'signal.flaky' is absent");
  CHECK(module_run(r, "opt_reader").outcome == CallOutcome::Ok);
  CHECK(opt_reader_saw_flaky(r) == 0.0);

  // Switched on at runtime, then off again.
  h.pipeline().set_enabled("flaky", true);
  RunResult on = h.run();
  CHECK(module_run(on, "flaky").outcome == CallOutcome::Ok);
  CHECK(module_run(on, "req_reader").outcome == CallOutcome::Ok);
  CHECK(opt_reader_saw_flaky(on) == 1.0);

  h.pipeline().set_enabled("flaky", false);
  RunResult off = h.run();
  CHECK(module_run(off, "flaky").outcome == CallOutcome::Disabled);
  CHECK(module_run(off, "req_reader").outcome == CallOutcome::Skipped);
  CHECK(h.pipeline().stats("flaky").calls == 1);
}

TEST_CASE("quarantine: after quarantine_after consecutive failures and lifted by set_enabled") {
  Harness h(chain(fail_calls(2), /*quarantine_after=*/2));
  REQUIRE(h.ok());
  auto& p = h.pipeline();

  CHECK(module_run(h.run(), "flaky").outcome == CallOutcome::Failed);
  CHECK(p.state("flaky") == ModuleState::Degraded);
  CHECK(module_run(h.run(), "flaky").outcome == CallOutcome::Failed);
  CHECK(p.state("flaky") == ModuleState::Quarantined);
  CHECK(p.stats("flaky").consecutive_failures == 2);

  // Quarantined: not called, its dependents skipped, the run degraded with the reason.
  RunResult q = h.run();
  const auto& flaky = module_run(q, "flaky");
  CHECK(flaky.outcome == CallOutcome::Quarantined);
  CHECK(flaky.reason.find("quarantined after 2 consecutive failures") == 0);
  CHECK(flaky.reason.find("flaky: deliberate failure on call 2") != std::string::npos);
  CHECK(p.stats("flaky").calls == 2);
  CHECK(module_run(q, "req_reader").outcome == CallOutcome::Skipped);
  CHECK(module_run(q, "opt_reader").outcome == CallOutcome::Ok);
  REQUIRE(q.degraded_reasons.size() == 2);
  CHECK(q.degraded_reasons[0] == "flaky: " + flaky.reason);

  // Still quarantined on the next run.
  CHECK(module_run(h.run(), "flaky").outcome == CallOutcome::Quarantined);
  CHECK(p.stats("flaky").calls == 2);

  // Re-enabling lifts the quarantine; the module runs (and has recovered by now).
  p.set_enabled("flaky", true);
  CHECK(p.state("flaky") != ModuleState::Quarantined);
  RunResult lifted = h.run();
  CHECK(module_run(lifted, "flaky").outcome == CallOutcome::Ok);
  CHECK(module_run(lifted, "req_reader").outcome == CallOutcome::Ok);
  CHECK_FALSE(lifted.degraded());
  CHECK(p.stats("flaky").calls == 3);
  CHECK(p.state("flaky") == ModuleState::Healthy);
}

TEST_CASE("quarantine: only consecutive failures count") {
  // Fails once, then succeeds: with quarantine_after = 2 it is never benched.
  Harness h(chain(fail_calls(1), /*quarantine_after=*/2));
  REQUIRE(h.ok());
  CHECK(module_run(h.run(), "flaky").outcome == CallOutcome::Failed);
  CHECK(module_run(h.run(), "flaky").outcome == CallOutcome::Ok);
  CHECK(module_run(h.run(), "flaky").outcome == CallOutcome::Ok);
  CHECK(h.pipeline().stats("flaky").errors == 1);
  CHECK(h.pipeline().state("flaky") == ModuleState::Healthy);
}

TEST_CASE("quarantine: a module that always fails is benched after exactly N runs") {
  Harness h({.libraries = {"thrower", "counter"}, .quarantine_after = 3});
  REQUIRE(h.ok());
  for (int i = 1; i <= 3; ++i) {
    CAPTURE(i);
    CHECK(module_run(h.run(), "thrower").outcome == CallOutcome::Failed);
  }
  RunResult r = h.run();
  CHECK(module_run(r, "thrower").outcome == CallOutcome::Quarantined);
  CHECK(module_run(r, "thrower").reason.find("quarantined after 3 consecutive failures") == 0);
  CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
  CHECK(h.pipeline().stats("thrower").calls == 3);

  // Disable then enable: also lifts it; the module is called again (and fails again).
  h.pipeline().set_enabled("thrower", false);
  CHECK(h.pipeline().state("thrower") == ModuleState::Disabled);
  h.pipeline().set_enabled("thrower", true);
  CHECK(module_run(h.run(), "thrower").outcome == CallOutcome::Failed);
  CHECK(h.pipeline().stats("thrower").calls == 4);
}
