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

TEST_CASE("lifecycle: a failing create names the module and destroys the instances made before it") {
  TempDir dir("lifecycle");
  const fs::path trace = dir / "trace.txt";
  Harness h({.libraries = {"counter", "no_create"}, .module_tables = traced_counter(trace)});
  INFO(h.issues());
  REQUIRE(h.ok());
  REQUIRE(h.assembly().resolution.order == std::vector<std::string>{"counter", "no_create"});
  CHECK_THROWS_WITH_AS(h.pipeline(),
                       ("no_create 1.0.0: create failed (" + std::to_string(MOSAIC_ERR_INVALID_ARGUMENT) +
                        "): no_create: refuses to be created")
                           .c_str(),
                       std::runtime_error);
  // The counter instance made first is gone already, while its library is still loaded.
  CHECK(read_all(trace) == "create counter\ndestroy counter\n");
}
