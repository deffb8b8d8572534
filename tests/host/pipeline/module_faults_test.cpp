// Each kind of misbehaving module, run through the real path (config -> assemble ->
// Pipeline -> run): the host survives, the fault is recorded against the module, and the
// healthy module beside it still runs.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include <mosaic/arrow.hpp>

#include <string>
#include <vector>

using mosaic::host::CallOutcome;
using mosaic::host::ModuleState;
using mosaic::host::RunResult;
using mosaic_test::degraded_text;
using mosaic_test::Harness;
using mosaic_test::module_run;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The value at (bar, asset) of a panel the run produced.
double value_at(const RunResult& r, const std::string& port, size_t bar, size_t asset) {
  const auto& v = r.ports.at(port);
  mosaic::PanelView panel(v.batch->schema(), v.batch->array(), port);
  return panel.column(asset)[bar];
}

// Names of the modules of a run, in run order.
std::vector<std::string> run_order(const RunResult& r) {
  std::vector<std::string> names;
  for (const auto& m : r.modules) names.push_back(m.name);
  return names;
}

}  // namespace

TEST_CASE("failure policy: a module that throws fails alone with the exception text") {
  Harness h({.libraries = {"thrower", "counter"}});
  REQUIRE(h.ok());
  for (int call = 1; call <= 2; ++call) {
    CAPTURE(call);
    RunResult r = h.run();
    CHECK(run_order(r).size() == 2);
    const auto& thrower = module_run(r, "thrower");
    CHECK(thrower.outcome == CallOutcome::Failed);
    CHECK(thrower.reason == "failed: error " + std::to_string(MOSAIC_ERR_EXCEPTION) +
                                ": thrower: deliberate exception in process");
    CHECK(thrower.outputs.empty());
    CHECK(thrower.confidence == -1);
    CHECK_FALSE(r.ports.contains("signal.thrower"));

    const auto& counter = module_run(r, "counter");
    CHECK(counter.outcome == CallOutcome::Ok);
    CHECK(counter.reason.empty());
    CHECK(counter.outputs == std::vector<std::string>{"signal.counter"});
    CHECK(value_at(r, "signal.counter", 0, 0) == call);  // it really ran, once per run

    CHECK(r.degraded());
    REQUIRE(r.degraded_reasons.size() == 1);
    CHECK(r.degraded_reasons[0] == "thrower: " + thrower.reason);
  }
  const auto& st = h.pipeline().stats("thrower");
  CHECK(st.calls == 2);
  CHECK(st.errors == 2);
  CHECK(st.consecutive_failures == 2);
  CHECK(st.last_error == "error " + std::to_string(MOSAIC_ERR_EXCEPTION) + ": thrower: deliberate exception in process");
  CHECK(h.pipeline().state("thrower") == ModuleState::Degraded);
  CHECK(h.pipeline().state("counter") == ModuleState::Healthy);
  CHECK(h.pipeline().stats("counter").errors == 0);
}

TEST_CASE("failure policy: a module that returns an error status fails with its message") {
  Harness h({.libraries = {"erroring", "counter"}});
  REQUIRE(h.ok());
  RunResult r = h.run();
  const auto& erroring = module_run(r, "erroring");
  CHECK(erroring.outcome == CallOutcome::Failed);
  CHECK(erroring.reason ==
        "failed: error " + std::to_string(MOSAIC_ERR_FAILED) + ": erroring: deliberate error status");
  CHECK_FALSE(r.ports.contains("signal.erroring"));
  CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
  REQUIRE(r.degraded_reasons.size() == 1);
  CHECK(r.degraded_reasons[0].rfind("erroring: failed: ", 0) == 0);
  CHECK(h.pipeline().stats("erroring").errors == 1);
}

TEST_CASE("SLA: a module slower than max_latency_ms is recorded as a latency violation") {
  Harness h({.libraries = {"sleeper", "counter"}});
  REQUIRE(h.ok());
  CHECK(h.pipeline().setup("sleeper").sla.max_latency_ms == doctest::Approx(5.0));
  h.run();  // the cold first call is not judged (cold_call_test.cpp)
  for (uint64_t call = 2; call <= 3; ++call) {
    CAPTURE(call);
    RunResult r = h.run();
    const auto& sleeper = module_run(r, "sleeper");
    CHECK(sleeper.outcome == CallOutcome::Ok);  // slow, not broken: its output is kept
    CHECK(sleeper.latency_ms >= 30.0);
    CHECK_FALSE(sleeper.cold);
    CHECK_FALSE(sleeper.latency_ok);
    CHECK(sleeper.confidence_ok);
    CHECK(r.ports.contains("signal.sleeper"));
    CHECK(module_run(r, "counter").latency_ok);
    const auto& st = h.pipeline().stats("sleeper");
    CHECK(st.calls == call);
    CHECK(st.latency_violations == call - 1);
    CHECK(st.errors == 0);
    CHECK_FALSE(st.last_latency_ok);
    CHECK(st.last_latency_ms >= 30.0);
    CHECK(h.pipeline().state("sleeper") == ModuleState::Degraded);
    CHECK(h.pipeline().stats("counter").latency_violations == 0);
  }
}

TEST_CASE("SLA: the config's max_latency_ms overrides the contract's") {
  Harness h({.libraries = {"sleeper"}, .module_tables = "[modules.sleeper.sla]\nmax_latency_ms = 10000\n"});
  REQUIRE(h.ok());
  RunResult r = h.run();
  CHECK(module_run(r, "sleeper").latency_ok);
  CHECK(h.pipeline().stats("sleeper").latency_violations == 0);
  CHECK(h.pipeline().state("sleeper") == ModuleState::Healthy);
}

TEST_CASE("SLA: an output below min_confidence is recorded as a confidence violation") {
  Harness h({.libraries = {"lowconf", "counter"}});
  REQUIRE(h.ok());
  RunResult r = h.run();
  const auto& lowconf = module_run(r, "lowconf");
  CHECK(lowconf.outcome == CallOutcome::Ok);
  CHECK(lowconf.confidence == doctest::Approx(0.1));
  CHECK_FALSE(lowconf.confidence_ok);
  CHECK(lowconf.latency_ok);
  REQUIRE(r.ports.contains("signal.lowconf"));
  CHECK(r.ports.at("signal.lowconf").confidence == doctest::Approx(0.1));
  CHECK(r.ports.at("signal.lowconf").producer == "lowconf");
  const auto& counter = module_run(r, "counter");
  CHECK(counter.confidence == doctest::Approx(1.0));
  CHECK(counter.confidence_ok);
  const auto& st = h.pipeline().stats("lowconf");
  CHECK(st.confidence_violations == 1);
  CHECK(st.last_confidence == doctest::Approx(0.1));
  CHECK_FALSE(st.last_confidence_ok);
  CHECK(h.pipeline().state("lowconf") == ModuleState::Degraded);
}

TEST_CASE("SLA: the config's min_confidence overrides the contract's") {
  Harness h({.libraries = {"lowconf"}, .module_tables = "[modules.lowconf.sla]\nmin_confidence = 0.05\n"});
  REQUIRE(h.ok());
  RunResult r = h.run();
  CHECK(module_run(r, "lowconf").confidence_ok);
  CHECK(h.pipeline().stats("lowconf").confidence_violations == 0);
}

TEST_CASE("output check: every wrong-shaped panel fails its module") {
  struct Case {
    const char* kind;
    const char* detail;
  };
  const Case cases[] = {
      {"length", "wrong length: 4 rows, the run has 5"},
      {"universe", "wrong universe: 2 assets, the run has 3"},
      {"order", "wrong universe: column 1 is 'CCC', expected 'AAA'"},
      {"no_ts", "child 0 must be 'ts', nanosecond timestamps ('tsn:UTC')"},
      {"timestamps", "wrong timestamps: row 0 differs from the run's calendar"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.kind);
    Harness h({.libraries = {"badshape", "counter"},
               .module_tables = std::string("[modules.badshape.params]\nkind = \"") + c.kind + "\"\n"});
    REQUIRE(h.ok());
    RunResult r = h.run();
    const auto& bad = module_run(r, "badshape");
    CHECK(bad.outcome == CallOutcome::Failed);
    CHECK(contains(bad.reason, "wrong-shaped output 'signal.badshape': "));
    CHECK(contains(bad.reason, c.detail));
    CHECK(bad.outputs.empty());
    CHECK_FALSE(r.ports.contains("signal.badshape"));
    CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
    REQUIRE(r.degraded_reasons.size() == 1);
    CHECK(r.degraded_reasons[0].rfind("badshape: failed: ", 0) == 0);
    CHECK(h.pipeline().stats("badshape").last_error == bad.reason.substr(std::string("failed: ").size()));
  }
}

TEST_CASE("pipeline: the real technical module runs beside a test module on the sample data") {
  Harness h({.libraries = {std::string(MOSAIC_PLUGIN_DIR) + "/technical.so", "counter"},
             .modules = std::vector<std::string>{"technical", "counter"},
             .prices = std::filesystem::path(MOSAIC_DATA_DIR "/spisector.csv")});
  INFO(h.issues());
  REQUIRE(h.ok());
  RunResult r = h.run();
  CHECK(module_run(r, "technical").outcome == CallOutcome::Ok);
  CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
  CHECK_FALSE(r.degraded());
  REQUIRE(r.ports.contains("signal.technical"));
  const auto& v = r.ports.at("signal.technical");
  mosaic::PanelView panel(v.batch->schema(), v.batch->array());
  CHECK(panel.rows() == h.data().bars());
  CHECK(panel.assets() == h.data().assets());
  CHECK(v.confidence >= 0.0);
  CHECK(v.confidence <= 1.0);
}
