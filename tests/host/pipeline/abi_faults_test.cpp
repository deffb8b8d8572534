// Modules written in C against mosaic.h alone that misbehave at the ABI level: an error
// status with no exception anywhere, outputs whose memory the host could not free after
// the library is gone, and outputs with a malformed struct tree. The host refuses each,
// reads nothing it cannot trust, and keeps running.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include <string>

using mosaic::host::CallOutcome;
using mosaic_test::Harness;
using mosaic_test::module_run;

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("abi faults: an error status fails the module with its message") {
  Harness h({.libraries = {"c_error", "counter"}});
  REQUIRE(h.ok());
  auto r = h.run();
  const auto& m = module_run(r, "c_error");
  CHECK(m.outcome == CallOutcome::Failed);
  CHECK(m.reason == "failed: error " + std::to_string(MOSAIC_ERR_FAILED) + ": c_error: cannot compute (error status)");
  CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
  CHECK(r.degraded());
}

TEST_CASE("abi faults: an output with the module's own release callback is refused") {
  Harness h({.libraries = {"c_foreign", "counter"}});
  REQUIRE(h.ok());
  auto r = h.run();
  const auto& m = module_run(r, "c_foreign");
  CHECK(m.outcome == CallOutcome::Failed);
  CHECK(contains(m.reason, "output 'signal.c_foreign' refused: root: not built through the host"));
  CHECK_FALSE(r.ports.contains("signal.c_foreign"));
  CHECK(module_run(r, "counter").outcome == CallOutcome::Ok);
}

TEST_CASE("abi faults: an output with release NULL is refused with what to set it to") {
  Harness h({.libraries = {"c_unreleased", "counter"}});
  REQUIRE(h.ok());
  auto r = h.run();
  const auto& m = module_run(r, "c_unreleased");
  CHECK(m.outcome == CallOutcome::Failed);
  CHECK(contains(m.reason, "output 'signal.c_unreleased' has an ArrowArray or ArrowSchema whose release is NULL"));
  CHECK(contains(m.reason, "set release to the host's array_release / schema_release"));
}

TEST_CASE("abi faults: an output whose struct tree has NULL children is refused unread") {
  Harness h({.libraries = {"c_malformed", "counter"}});
  REQUIRE(h.ok());
  auto r = h.run();
  const auto& m = module_run(r, "c_malformed");
  CHECK(m.outcome == CallOutcome::Failed);
  CHECK(contains(m.reason, "output 'signal.c_malformed' refused: root: children list is NULL"));
  CHECK_FALSE(r.ports.contains("signal.c_malformed"));
}
