// Warm-up is not an SLA violation (mosaic.ext.warmup/1): an output a module marks as
// warm-up, and which holds no value at the last bar, is not judged against min_confidence;
// the call is counted as warm-up. A claim with a value at the last bar is judged as usual.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include <mosaic/arrow.hpp>

#include <cmath>
#include <string>

using mosaic::host::CallOutcome;
using mosaic::host::ModuleState;
using mosaic::host::RunResult;
using mosaic_test::Harness;
using mosaic_test::module_run;
namespace fs = std::filesystem;

TEST_CASE("SLA: a warm-up output is not a confidence violation; once warm, confidence is judged") {
  Harness h({.libraries = {"warming"}, .module_tables = "[modules.warming.params]\nwarm_calls = 2\n"});
  REQUIRE(h.ok());
  for (uint64_t call = 1; call <= 2; ++call) {
    CAPTURE(call);
    RunResult r = h.run();
    const auto& m = module_run(r, "warming");
    CHECK(m.outcome == CallOutcome::Ok);
    CHECK(m.warmup);
    CHECK(m.warmup_outputs == std::vector<std::string>{"signal.warming"});
    CHECK(m.confidence == 0.0);
    CHECK(m.confidence_ok);
    CHECK(r.ports.at("signal.warming").confidence == 0.0);  // consumers still see it as it is
    const auto& st = h.pipeline().stats("warming");
    CHECK(st.warmup_calls == call);
    CHECK(st.confidence_violations == 0);
    CHECK(h.pipeline().state("warming") == ModuleState::Healthy);
  }
  RunResult r = h.run();  // warm now, with confidence 0.1 < 0.5
  const auto& m = module_run(r, "warming");
  CHECK_FALSE(m.warmup);
  CHECK(m.warmup_outputs.empty());
  CHECK_FALSE(m.confidence_ok);
  CHECK(h.pipeline().stats("warming").confidence_violations == 1);
  CHECK(h.pipeline().stats("warming").warmup_calls == 2);
  CHECK(h.pipeline().state("warming") == ModuleState::Degraded);
}

TEST_CASE("SLA: a warm-up claim on an output with a value at the last bar is judged as usual") {
  Harness h({.libraries = {"warming"}, .module_tables = "[modules.warming.params]\nlie = true\n"});
  REQUIRE(h.ok());
  RunResult r = h.run();
  const auto& m = module_run(r, "warming");
  CHECK_FALSE(m.warmup);
  CHECK_FALSE(m.confidence_ok);
  CHECK(h.pipeline().stats("warming").confidence_violations == 1);
  CHECK(h.pipeline().stats("warming").warmup_calls == 0);
}

TEST_CASE("SLA: the regime module before its first fit is warming up, not failing its confidence floor") {
  // kSmallPrices holds a handful of bars: far fewer than min_history returns.
  Harness h({.libraries = {std::string(MOSAIC_PLUGIN_DIR) + "/regime.so"},
             .modules = std::vector<std::string>{"regime"}});
  INFO(h.issues());
  REQUIRE(h.ok());
  RunResult r = h.run();
  const auto& m = module_run(r, "regime");
  REQUIRE(m.outcome == CallOutcome::Ok);
  CHECK(m.warmup);
  CHECK(m.warmup_outputs.size() == 2);
  CHECK(m.confidence_ok);
  CHECK(h.pipeline().stats("regime").confidence_violations == 0);
  CHECK(h.pipeline().state("regime") == ModuleState::Healthy);

  // On spisector it has fitted by the last bar: nothing is warm-up, and confidence is judged.
  Harness full({.libraries = {std::string(MOSAIC_PLUGIN_DIR) + "/regime.so"},
                .modules = std::vector<std::string>{"regime"},
                .prices = fs::path(MOSAIC_DATA_DIR) / "spisector.csv"});
  REQUIRE(full.ok());
  RunResult fitted = full.run();
  const auto& f = module_run(fitted, "regime");
  CHECK_FALSE(f.warmup);
  CHECK(f.warmup_outputs.empty());
  CHECK(f.confidence >= 0.5);
}

TEST_CASE("SLA: the technical module inside its slow average's lookback is warming up") {
  // kSmallPrices holds fewer bars than the default slow period (50): no signal at the last bar.
  Harness h({.libraries = {std::string(MOSAIC_PLUGIN_DIR) + "/technical.so"},
             .modules = std::vector<std::string>{"technical"}});
  INFO(h.issues());
  REQUIRE(h.ok());
  RunResult r = h.run();
  const auto& m = module_run(r, "technical");
  REQUIRE(m.outcome == CallOutcome::Ok);
  CHECK(m.warmup);
  CHECK(m.confidence_ok);
  CHECK(h.pipeline().stats("technical").confidence_violations == 0);

  // On spisector the signal has values at the last bar: judged as usual.
  Harness full({.libraries = {std::string(MOSAIC_PLUGIN_DIR) + "/technical.so"},
                .modules = std::vector<std::string>{"technical"},
                .prices = fs::path(MOSAIC_DATA_DIR) / "spisector.csv"});
  REQUIRE(full.ok());
  RunResult warm = full.run();
  CHECK_FALSE(module_run(warm, "technical").warmup);
}
