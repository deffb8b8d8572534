// Module instances live exactly as long as their pipeline: created in run order,
// destroyed in reverse, and never leaked when a later module's create fails.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

using mosaic_test::Harness;
using mosaic_test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The counter module appends "create counter" / "destroy counter" lines to `trace`.
std::string traced_counter(const fs::path& trace) {
  return "[modules.counter.params]\ntrace = \"" + trace.generic_string() + "\"\n";
}

}  // namespace

TEST_CASE("lifecycle: instances are created with the pipeline and destroyed with it") {
  TempDir dir("lifecycle");
  const fs::path trace = dir / "trace.txt";
  auto h = std::make_unique<Harness>(mosaic_test::HarnessOptions{.libraries = {"counter"},
                                                                 .module_tables = traced_counter(trace)});
  REQUIRE(h->ok());
  CHECK(read_all(trace).empty());  // loading a library makes no instance
  h->pipeline();
  CHECK(read_all(trace) == "create counter\n");
  h->run();
  h->run();
  CHECK(read_all(trace) == "create counter\n");
  h.reset();
  CHECK(read_all(trace) == "create counter\ndestroy counter\n");
}

TEST_CASE("lifecycle: a failing create does not stop the host: the module fails every run with the reason") {
  TempDir dir("lifecycle");
  const fs::path trace = dir / "trace.txt";
  Harness h({.libraries = {"counter", "no_create"}, .module_tables = traced_counter(trace)});
  INFO(h.issues());
  REQUIRE(h.ok());
  REQUIRE(h.assembly().resolution.order == std::vector<std::string>{"counter", "no_create"});
  const std::string why = "create failed (" + std::to_string(MOSAIC_ERR_INVALID_ARGUMENT) +
                          "): no_create: refuses to be created";
  CHECK(h.pipeline().create_error("no_create").rfind(why, 0) == 0);
  CHECK(h.pipeline().create_error("counter").empty());
  for (int i = 0; i < 2; ++i) {
    auto r = h.run();
    CHECK(mosaic_test::module_run(r, "counter").outcome == mosaic::host::CallOutcome::Ok);
    const auto& failed = mosaic_test::module_run(r, "no_create");
    CHECK(failed.outcome == mosaic::host::CallOutcome::Failed);
    CHECK(failed.reason.find(why) != std::string::npos);
    CHECK(r.degraded());
  }
  CHECK(h.pipeline().state("no_create") == mosaic::host::ModuleState::Degraded);
  CHECK(h.pipeline().self_test("no_create").rfind(why, 0) == 0);
  CHECK(read_all(trace) == "create counter\n");
}
