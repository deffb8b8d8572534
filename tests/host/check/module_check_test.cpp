#include "host/check/module_check.hpp"
#include "host/loader/host_services.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace mosaic::host::check;

namespace {

fs::path test_module(const std::string& name) { return fs::path(MOSAIC_TEST_PLUGIN_DIR) / (name + ".so"); }

const CheckResult* find(const LibraryReport& r, const std::string& check) {
  const auto it = std::find_if(r.results.begin(), r.results.end(), [&](const CheckResult& c) { return c.check == check; });
  return it == r.results.end() ? nullptr : &*it;
}

// The module fails `check` with `reason` in the detail, and nothing it reaches before that.
void fails_only(const std::string& module, const std::string& check, const std::string& reason,
                const CheckOptions& options = {}) {
  CAPTURE(module);
  const LibraryReport r = check_library(test_module(module), options);
  CHECK_FALSE(r.passed());
  const CheckResult* c = find(r, check);
  REQUIRE(c != nullptr);
  CHECK(c->verdict == Verdict::Fail);
  CHECK_MESSAGE(c->detail.find(reason) != std::string::npos, c->detail);
  for (const auto& other : r.results)
    if (other.check == "load" || other.check == "contract" || other.check == "create")
      CHECK_MESSAGE((other.check == check || other.verdict != Verdict::Fail), other.check << ": " << other.detail);
}

}  // namespace

TEST_CASE("check: every shipped module passes every check, each run in a process of its own") {
  mosaic::host::set_host_data_dir(MOSAIC_DATA_DIR);  // as mosaic does at start-up: sentiment's lexicons
  size_t libraries = 0;
  for (const auto& e : fs::directory_iterator(MOSAIC_PLUGIN_DIR)) {
    if (e.path().extension() != ".so") continue;
    ++libraries;
    const LibraryReport r = check_library(e.path());
    CAPTURE(e.path());
    REQUIRE(r.modules.size() == 1);
    CHECK(r.results.size() == check_names().size());
    for (const auto& c : r.results) CHECK_MESSAGE(c.verdict != Verdict::Fail, c.module << " " << c.check << ": " << c.detail);
    CHECK(r.passed());
  }
  CHECK(libraries == 5);
}

TEST_CASE("check: a module that crashes fails its checks with the signal, and the checker goes on") {
  const LibraryReport r = check_library(test_module("crasher"));
  const CheckResult* c = find(r, "shapes");
  REQUIRE(c != nullptr);
  CHECK(c->verdict == Verdict::Fail);
  CHECK(c->detail.find("signal 11") != std::string::npos);
  CHECK(find(r, "contract")->verdict == Verdict::Pass);  // checks after the crash still ran
}

TEST_CASE("check: a module that hangs is killed at the timeout") {
  CheckOptions quick;
  quick.timeout_seconds = 1;
  quick.only = "shapes";
  const LibraryReport r = check_library(test_module("hangs"), quick);
  REQUIRE(r.results.size() == 1);
  CHECK(r.results[0].verdict == Verdict::Fail);
  CHECK(r.results[0].detail.find("did not finish within 1 s") != std::string::npos);
  CHECK(r.results[0].seconds < 10);
}

TEST_CASE("check: each broken module fails the check that is about its fault") {
  fails_only("squatter", "contract", "mosaic.* namespace");
  fails_only("squatter", "contract", "input 'close' has no description");
  fails_only("thrower", "shapes", "deliberate exception");
  fails_only("badshape", "shapes", "wrong length");
  fails_only("c_ok", "shapes", "declared but not emitted: signal.c_ok");
  fails_only("c_foreign", "host-owned", "release callback is not the host's");
  fails_only("c_calloc_child", "host-owned", "memory not from the host's allocator (array child 0: the struct itself)");
  fails_only("cornered", "create", "at lookback = 250: create returned");
  fails_only("snooper", "undeclared-inputs", "check.undeclared");
  fails_only("counter", "determinism", "called twice");
  fails_only("peeker", "look-ahead", "change when the bars after it are added");
  fails_only("amnesiac", "state", "after save and load");
  fails_only("racy", "threads", "two instances on two threads");
  fails_only("pinned", "load", "still mapped after dlclose");
  fails_only("sleeper", "latency", "above the SLA's max_latency_ms 5");
  fails_only("no_entry", "load", "no mosaic_entry symbol");
  fails_only("bad_default", "load", "outside its range");
}

TEST_CASE("check: only one check can be asked for, and an unknown one is refused with the list") {
  CheckOptions one;
  one.only = "determinism";
  const LibraryReport r = check_library(test_module("peeker"), one);
  REQUIRE(r.results.size() == 1);
  CHECK(r.results[0].check == "determinism");
  CHECK(r.results[0].verdict == Verdict::Pass);
  one.only = "vibes";
  CHECK_THROWS_WITH_AS(check_library(test_module("peeker"), one), doctest::Contains("no check 'vibes'"),
                       std::invalid_argument);
}
