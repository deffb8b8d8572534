// Graph problems found when a pipeline is assembled: cycles, version ranges, inputs
// nobody produces, ports with two producers, bad libraries in the plugin folder.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include <filesystem>
#include <string>
#include <vector>

using mosaic::host::CallOutcome;
using mosaic::host::ResolveIssue;
using mosaic_test::Harness;
using mosaic_test::module_run;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The one issue of an assembly that is expected to have exactly one.
ResolveIssue only_issue(const Harness& h) {
  INFO("issues:\n" << h.issues());
  REQUIRE(h.assembly().issues.size() == 1);
  return h.assembly().issues[0];
}

}  // namespace

TEST_CASE("resolution: a dependency cycle names every module on it") {
  Harness h({.libraries = {"cycle_a", "cycle_b"}});
  CHECK_FALSE(h.ok());
  ResolveIssue i = only_issue(h);
  CHECK(contains(i.message, "dependency cycle"));
  CHECK(contains(i.message, "cycle_a"));
  CHECK(contains(i.message, "cycle_b"));
  // Modules with versions, and the ports that close the loop.
  CHECK((i.message ==
             "dependency cycle: cycle_a 1.0.0 -> cycle_b 1.0.0 -> cycle_a 1.0.0 "
             "(cycle_b reads 'signal.cycle_a' of cycle_a; cycle_a reads 'signal.cycle_b' of cycle_b)" ||
         i.message ==
             "dependency cycle: cycle_b 1.0.0 -> cycle_a 1.0.0 -> cycle_b 1.0.0 "
             "(cycle_a reads 'signal.cycle_b' of cycle_b; cycle_b reads 'signal.cycle_a' of cycle_a)"));
}

TEST_CASE("resolution: an unsatisfied version range names both modules and versions") {
  Harness h({.libraries = {"provider", "consumer"}});
  CHECK_FALSE(h.ok());
  ResolveIssue i = only_issue(h);
  CHECK(i.module == "consumer");
  CHECK(i.message == "consumer 1.0.0 needs provider ^2.0, found 1.3.0");
}

TEST_CASE("resolution: a satisfied range runs the dependency first") {
  // consumer_ok.so holds module "consumer", which needs provider ^1.2.
  Harness h({.libraries = {"consumer_ok", "provider"}, .modules = std::vector<std::string>{"consumer", "provider"}});
  INFO(h.issues());
  REQUIRE(h.ok());
  CHECK(h.assembly().resolution.order == std::vector<std::string>{"provider", "consumer"});
  auto r = h.run();
  CHECK(module_run(r, "provider").outcome == CallOutcome::Ok);
  CHECK(module_run(r, "consumer").outcome == CallOutcome::Ok);
  CHECK(r.modules.front().name == "provider");
  CHECK(r.ports.contains("signal.consumer"));
}

TEST_CASE("resolution: a dependency absent from the pipeline") {
  Harness h({.libraries = {"consumer"}});
  ResolveIssue i = only_issue(h);
  CHECK(i.module == "consumer");
  CHECK(i.message == "consumer 1.0.0 needs provider ^2.0, which is not in the pipeline");
}

TEST_CASE("resolution: a required input nobody produces names the module and the port") {
  Harness h({.libraries = {"orphan", "counter"}});
  ResolveIssue i = only_issue(h);
  CHECK(i.module == "orphan");
  CHECK(i.message == "orphan 1.0.0 needs input 'signal.nobody' (panel), which nothing produces (data provides: close)");
}

TEST_CASE("resolution: two producers of one port") {
  Harness h({.libraries = {"twin_a", "twin_b"}});
  ResolveIssue i = only_issue(h);
  CHECK(contains(i.message, "'signal.twin'"));
  CHECK(contains(i.message, "twin_a"));
  CHECK(contains(i.message, "twin_b"));
  CHECK(i.message == "port 'signal.twin' is produced by both twin_a and twin_b; each port needs exactly one producer");
}

TEST_CASE("resolution: modules that fit together have no issues") {
  Harness h({.libraries = {"counter", "c_ok"}});
  INFO(h.issues());
  CHECK(h.ok());
  CHECK(h.assembly().issues.empty());
}

TEST_CASE("assembly: a module the config asks for but no library offers") {
  Harness h({.libraries = {"counter"}, .modules = std::vector<std::string>{"counter", "ghost"}});
  ResolveIssue i = only_issue(h);
  CHECK(i.module == "ghost");
  CHECK(contains(i.message, "module 'ghost' (pipeline.modules) was not found in"));
  CHECK(contains(i.message, "(loaded: counter)"));
}

TEST_CASE("assembly: a bad library in the plugin folder is skipped with a warning naming its file") {
  Harness h({.libraries = {"counter", "wrong_abi"}, .modules = std::vector<std::string>{"counter"}});
  INFO(h.issues());
  CHECK(h.assembly().issues.empty());
  REQUIRE(h.assembly().warnings.size() == 1);
  CHECK(contains(h.assembly().warnings[0], "wrong_abi.so: ABI major mismatch"));
  // The good library still loaded, and the pipeline runs.
  REQUIRE(h.assembly().scan.libraries.size() == 1);
  CHECK(h.assembly().scan.libraries[0]->modules().at(0).contract.name == "counter");
  CHECK(h.ok());
}

TEST_CASE("assembly: a configured module whose library failed to load is an issue that says so") {
  Harness h({.libraries = {"counter", "wrong_abi"}, .modules = std::vector<std::string>{"counter", "wrong_abi"}});
  ResolveIssue i = only_issue(h);
  CHECK(contains(i.message, "module 'wrong_abi' (pipeline.modules) was not found"));
  CHECK(contains(i.message, "1 library failed to load: "));
  CHECK(contains(i.message, "wrong_abi"));  // and why: the library's own load error follows
  CHECK(contains(i.message, "ABI"));
}

TEST_CASE("assembly: destroying the pipeline unloads every library and removes its copy") {
  std::vector<std::filesystem::path> copies;
  {
    Harness h({.libraries = {"counter", "thrower"}});
    REQUIRE(h.ok());
    for (const auto& lib : h.assembly().scan.libraries) copies.push_back(lib->shadow_copy());
    REQUIRE(copies.size() == 2);
    h.run();
    for (const auto& c : copies) CHECK(std::filesystem::exists(c));
  }
  for (const auto& c : copies) CHECK_FALSE(std::filesystem::exists(c));
}
