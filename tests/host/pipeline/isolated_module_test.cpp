// Modules with isolate = true, run through the real path (config -> assemble -> Pipeline ->
// run) with their code in a mosaic-module-host child: the same outputs as in-process, and
// every way a module can take its process down fails that one call with the reason, while
// the host goes on and the next call runs in a new child.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include <mosaic/arrow.hpp>

#include <signal.h>

#include <cstring>
#include <string>

namespace fs = std::filesystem;
using mosaic::host::CallOutcome;
using mosaic::host::ModuleState;
using mosaic::host::RunResult;
using mosaic_test::Harness;
using mosaic_test::module_run;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

mosaic_test::HarnessOptions technical(bool isolate) {
  return {.libraries = {std::string(MOSAIC_PLUGIN_DIR) + "/technical.so"},
          .modules = std::vector<std::string>{"technical"},
          .module_tables = std::string(isolate ? "[modules.technical]\nisolate = true\n" : "") +
                           "[modules.technical.params]\nemit = \"sma:20,rsi:14,macd:12:26:9,bb:20:2,atr:14\"\n",
          .prices = fs::path(MOSAIC_DATA_DIR) / "spisector.csv"};
}

// A wrecker with its fault, isolated, beside an in-process counter.
mosaic_test::HarnessOptions wrecker(const std::string& how, const std::string& extra = "") {
  return {.libraries = {"wrecker", "counter"},
          .module_tables = "[modules.wrecker]\nisolate = true\n[modules.wrecker.isolation]\ntimeout_ms = 500\n"
                           "memory_mb = 256\n" + extra + "[modules.wrecker.params]\nhow = \"" + how + "\"\n"};
}

bool same_bytes(const mosaic::host::PortValue& a, const mosaic::host::PortValue& b) {
  const ArrowArray* x = a.batch->array();
  const ArrowArray* y = b.batch->array();
  if (x->length != y->length || x->n_children != y->n_children) return false;
  for (int64_t c = 0; c < x->n_children; ++c)
    if (std::memcmp(x->children[c]->buffers[1], y->children[c]->buffers[1], static_cast<size_t>(x->length) * 8) != 0)
      return false;
  return true;
}

}  // namespace

TEST_CASE("isolation: the technical module isolated emits exactly what it emits in-process") {
  Harness inside(technical(false)), outside(technical(true));
  REQUIRE(inside.ok());
  REQUIRE(outside.ok());
  const RunResult a = inside.run();
  const RunResult b = outside.run();
  REQUIRE(module_run(b, "technical").outcome == CallOutcome::Ok);
  CHECK(module_run(b, "technical").outputs == module_run(a, "technical").outputs);
  for (const auto& port : module_run(a, "technical").outputs) {
    CAPTURE(port);
    REQUIRE(b.ports.contains(port));
    CHECK(same_bytes(a.ports.at(port), b.ports.at(port)));
    CHECK(b.ports.at(port).confidence == a.ports.at(port).confidence);
  }
  // And again on the same instance: the child keeps it between calls.
  CHECK(module_run(outside.run(), "technical").outcome == CallOutcome::Ok);
  CHECK(outside.pipeline().stats("technical").crashes == 0);
}

TEST_CASE("isolation: each fault fails its call with the reason; the host and the module beside it go on") {
  struct Fault {
    const char* how;
    const char* reason;
  };
  for (const Fault f : {Fault{"segfault", "killed by signal 11"}, Fault{"abort", "killed by signal 6"},
                        Fault{"stack_overflow", "killed by signal 11"}, Fault{"hang", "timed out after 500 ms"}}) {
    CAPTURE(f.how);
    Harness h(wrecker(f.how));
    REQUIRE(h.ok());
    const RunResult r = h.run();
    const auto& w = module_run(r, "wrecker");
    CHECK(w.outcome == CallOutcome::Failed);
    CHECK_MESSAGE(contains(w.reason, f.reason), w.reason);
    CHECK(contains(w.reason, "a new process with a new instance has taken over"));
    CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
    CHECK(h.pipeline().stats("wrecker").crashes == 1);
    CHECK(contains(h.pipeline().stats("wrecker").last_crash, f.reason));
  }
}

// The sanitizer build runs the child without its memory limit (AddressSanitizer's shadow
// memory would count against it): there the hog would take the machine's memory.
#if !defined(__SANITIZE_ADDRESS__)
TEST_CASE("isolation: a module that runs out of memory under its limit fails, and the host is untouched") {
  Harness h(wrecker("hog"));
  REQUIRE(h.ok());
  const RunResult r = h.run();
  const auto& w = module_run(r, "wrecker");
  CHECK(w.outcome == CallOutcome::Failed);
  // The allocation fails inside the child: the SDK turns std::bad_alloc into its status.
  CHECK_MESSAGE((contains(w.reason, "out of memory") || contains(w.reason, "killed by signal")), w.reason);
  CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
}
#endif

TEST_CASE("isolation: after a crash the next run is served by a new child") {
  mosaic_test::TempDir dir("iso");
  const fs::path marker = dir.path() / "crashed-once";
  // The marker makes it crash once: a module that recovers in a fresh process.
  Harness once({.libraries = {"wrecker"},
                .module_tables = "[modules.wrecker]\nisolate = true\n[modules.wrecker.params]\nhow = \"segfault\"\n"
                                 "marker = \"" + marker.generic_string() + "\"\n"});
  REQUIRE(once.ok());
  CHECK(module_run(once.run(), "wrecker").outcome == CallOutcome::Failed);
  CHECK(fs::exists(marker));
  const RunResult second = once.run();
  CHECK(module_run(second, "wrecker").outcome == CallOutcome::Ok);
  CHECK(second.ports.contains("signal.wrecker"));
  CHECK(once.pipeline().state("wrecker") == ModuleState::Healthy);
  CHECK(once.pipeline().stats("wrecker").crashes == 1);
}

TEST_CASE("isolation: N crashes quarantine the module, with the signal as the reason") {
  Harness h(wrecker("segfault", "quarantine_after_crashes = 2\n"));
  REQUIRE(h.ok());
  h.run();
  CHECK(h.pipeline().state("wrecker") != ModuleState::Quarantined);
  h.run();
  CHECK(h.pipeline().state("wrecker") == ModuleState::Quarantined);
  const auto& st = h.pipeline().stats("wrecker");
  CHECK(st.crashes == 2);
  CHECK_MESSAGE(contains(st.quarantine_reason, "2 crashes of its isolated process (last: killed by signal 11"),
                st.quarantine_reason);
  const RunResult r = h.run();
  CHECK(module_run(r, "wrecker").outcome == CallOutcome::Quarantined);
  CHECK(contains(module_run(r, "wrecker").reason, "quarantined after 2 crashes"));
  // Enabling it again lifts the quarantine and the count.
  h.pipeline().set_enabled("wrecker", true);
  CHECK(h.pipeline().state("wrecker") != ModuleState::Quarantined);
}

TEST_CASE("isolation: a missing module host is a create error naming the path") {
  setenv("MOSAIC_MODULE_HOST", "/nonexistent/mosaic-module-host", 1);
  Harness h(wrecker("none"));
  REQUIRE(h.ok());
  const RunResult r = h.run();
  unsetenv("MOSAIC_MODULE_HOST");
  const auto& w = module_run(r, "wrecker");
  CHECK(w.outcome == CallOutcome::Failed);
  CHECK_MESSAGE(contains(w.reason, "/nonexistent/mosaic-module-host"), w.reason);
  CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
}

TEST_CASE("isolation: outputs the host refuses in process are refused isolated, with the same reason") {
  struct Case {
    const char* module;
    const char* reason;
  };
  for (const Case c : {Case{"c_error", "c_error: cannot compute (error status)"},
                       Case{"c_foreign", "output 'signal.c_foreign' refused: root: not built through the host"},
                       Case{"c_malformed", "output 'signal.c_malformed' refused: root: children list is NULL"},
                       Case{"c_unreleased", "release"},
                       Case{"thrower", "thrower: deliberate exception in process"},
                       Case{"badshape", "wrong-shaped output 'signal.badshape': wrong length"}}) {
    CAPTURE(c.module);
    Harness h({.libraries = {c.module, "counter"},
               .module_tables = std::string("[modules.") + c.module + "]\nisolate = true\n"});
    REQUIRE(h.ok());
    const RunResult r = h.run();
    const auto& m = module_run(r, c.module);
    CHECK(m.outcome == CallOutcome::Failed);
    CHECK_MESSAGE(contains(m.reason, c.reason), m.reason);
    CHECK_FALSE(r.ports.contains(std::string("signal.") + c.module));
    CHECK(h.pipeline().stats(c.module).crashes == 0);  // a refusal is not a crash
    CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
  }
}
