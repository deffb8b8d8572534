#include "host/serve/hot_reload.hpp"
#include "host/serve/mapped_libraries.hpp"

#include "support/pipeline_harness.hpp"
#include "support/reload_builds.hpp"

#include "host/pipeline/market_ports.hpp"

#include <doctest/doctest.h>

#include <mosaic/arrow.hpp>

using namespace mosaic::host;
using mosaic::host::serve::HotReloader;
using mosaic::host::serve::LiveInputs;
using mosaic::host::serve::ReloadRecord;
namespace fs = std::filesystem;

namespace {

double signal_value(const RunResult& r) {
  const PortValue& v = r.ports.at("signal.reloadable");
  mosaic::PanelView p(v.batch->schema(), v.batch->array());
  return p.column(0)[p.rows() - 1];
}

struct Fixture {
  mosaic_test::Harness h{{.libraries = {mosaic_test::reloadable_build("v1").string(), "follower"},
                          .modules = std::vector<std::string>{"reloadable", "follower"}}};
  RunResult last;
  Fixture() {
    last = h.run();
    h.release_scanned_libraries();
  }
  LiveInputs live() { return {&last.ports, shape_of(h.data()), market_port_layouts(h.data())}; }
  std::vector<ReloadRecord> reload(HotReloader& r) {
    mosaic_test::QuietLog quiet;
    return r.reload_file(h.plugin_dir() / "reloadable.so", live(), std::chrono::steady_clock::now());
  }
};

}  // namespace

TEST_CASE("a new build is validated, swapped in between runs, and the old generation unmapped") {
  Fixture f;
  HotReloader reloader(f.h.pipeline(), f.h.config(), f.h.shadow());
  CHECK(signal_value(f.last) == doctest::Approx(0.1));
  const fs::path v1_copy = f.h.pipeline().setup("reloadable").library->shadow_copy();
  CHECK(serve::is_mapped(v1_copy));

  mosaic_test::publish(mosaic_test::reloadable_build("v2"), f.h.plugin_dir());
  auto records = f.reload(reloader);
  REQUIRE(records.size() == 1);
  INFO(records[0].result);
  CHECK(records[0].ok);
  CHECK(records[0].version == "1.1.0");
  CHECK(records[0].old_unloaded);
  CHECK_FALSE(serve::is_mapped(v1_copy));
  CHECK(f.h.pipeline().contract("reloadable").version.str() == "1.1.0");
  const RunResult after = f.h.run();
  CHECK_FALSE(after.degraded());
  CHECK(signal_value(after) == doctest::Approx(0.2));
}

TEST_CASE("broken builds are rejected with the reason while the serving build stays") {
  Fixture f;
  HotReloader reloader(f.h.pipeline(), f.h.config(), f.h.shadow());
  const uint64_t serving = f.h.pipeline().setup("reloadable").library->generation();

  SUBCASE("a failing self-test") {
    mosaic_test::publish(mosaic_test::reloadable_build("broken"), f.h.plugin_dir());
    auto records = f.reload(reloader);
    REQUIRE(records.size() == 1);
    CHECK_FALSE(records[0].ok);
    CHECK(records[0].result.find("self-test") != std::string::npos);
    CHECK(records[0].result.find("broken on purpose") != std::string::npos);
  }
  SUBCASE("a build that fails the golden run") {
    mosaic_test::publish(mosaic_test::reloadable_build("failing"), f.h.plugin_dir());
    auto records = f.reload(reloader);
    REQUIRE(records.size() == 1);
    CHECK_FALSE(records[0].ok);
    CHECK(records[0].result.find("golden run: failed: ") != std::string::npos);
    CHECK(records[0].result.find("this build fails every bar") != std::string::npos);
    CHECK(records[0].result.find("failed failed") == std::string::npos);
    CHECK(records[0].result.find("quarantined") == std::string::npos);
    CHECK(f.h.pipeline().state("reloadable") == ModuleState::Healthy);
  }
  SUBCASE("a version outside a dependent's range") {
    mosaic_test::publish(mosaic_test::reloadable_build("v3"), f.h.plugin_dir());
    auto records = f.reload(reloader);
    REQUIRE(records.size() == 1);
    CHECK_FALSE(records[0].ok);
    CHECK(records[0].result.find("follower") != std::string::npos);
    CHECK(records[0].result.find("2.0.0") != std::string::npos);
  }
  SUBCASE("the wrong ABI major") {
    mosaic_test::publish(mosaic_test::test_plugin("wrong_abi"), f.h.plugin_dir());
    auto records = f.reload(reloader);
    REQUIRE(records.size() == 1);
    CHECK_FALSE(records[0].ok);
    CHECK(records[0].result.find("ABI major") != std::string::npos);
  }
  SUBCASE("a library that offers another module") {
    mosaic_test::publish(mosaic_test::test_plugin("toy_weights"), f.h.plugin_dir());
    auto records = f.reload(reloader);
    REQUIRE(records.size() == 1);
    CHECK_FALSE(records[0].ok);
    CHECK(records[0].result.find("toy_weights") != std::string::npos);
  }
  CHECK(f.h.pipeline().setup("reloadable").library->generation() == serving);
  CHECK(f.h.pipeline().contract("reloadable").version.str() == "1.0.0");
  const RunResult after = f.h.run();
  CHECK_FALSE(after.degraded());
  CHECK(signal_value(after) == doctest::Approx(0.1));
}

TEST_CASE("deleting a library unloads its module, its dependents degrade, and a new file brings it back") {
  Fixture f;
  HotReloader reloader(f.h.pipeline(), f.h.config(), f.h.shadow());
  const fs::path copy = f.h.pipeline().setup("reloadable").library->shadow_copy();
  fs::remove(f.h.plugin_dir() / "reloadable.so");
  mosaic_test::QuietLog quiet;
  auto removed = reloader.remove_file(f.h.plugin_dir() / "reloadable.so");
  REQUIRE(removed.size() == 1);
  CHECK(removed[0].old_unloaded);
  CHECK_FALSE(serve::is_mapped(copy));
  RunResult degraded = f.h.run();
  CHECK(mosaic_test::module_run(degraded, "reloadable").outcome == CallOutcome::Failed);
  CHECK(mosaic_test::module_run(degraded, "follower").outcome == CallOutcome::Skipped);
  CHECK(f.h.pipeline().state("reloadable") == ModuleState::Degraded);

  mosaic_test::publish(mosaic_test::reloadable_build("v2"), f.h.plugin_dir());
  auto back = f.reload(reloader);
  REQUIRE(back.size() == 1);
  CHECK(back[0].ok);
  RunResult healthy = f.h.run();
  CHECK_FALSE(healthy.degraded());
  CHECK(signal_value(healthy) == doctest::Approx(0.2));
}

TEST_CASE("a hundred reloads leave at most two generations mapped") {
  Fixture f;
  HotReloader reloader(f.h.pipeline(), f.h.config(), f.h.shadow());
  for (int i = 0; i < 100; ++i) {
    mosaic_test::publish(mosaic_test::reloadable_build(i % 2 ? "v1" : "v2"), f.h.plugin_dir());
    auto records = f.reload(reloader);
    REQUIRE(records.size() == 1);
    REQUIRE(records[0].ok);
    f.last = f.h.run();  // every generation serves a run before the next arrives
    CHECK(mosaic_test::mapped_reloadable_generations("/proc/self/maps") <= 2);
  }
  CHECK(mosaic_test::mapped_reloadable_generations("/proc/self/maps") == 1);
  CHECK(f.h.pipeline().contract("reloadable").version.str() == "1.0.0");
}
