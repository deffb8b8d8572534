// A module built against ABI 1.0 itself (tests/fault_modules/abi10_module.c, compiled with
// the 1.0 header) loads on this 1.1 host and means what it meant in 1.0: its parameters
// are tunables, and its contract, which ends before 1.1's constraints, declares none.
#include <doctest/doctest.h>

#include "host/loader/library.hpp"
#include "host/loader/shadow_dir.hpp"
#include "host/research/search_space.hpp"
#include "support/plugin_fixture.hpp"

using namespace mosaic::host;

TEST_CASE("ABI 1.0 module: accepted, every parameter a tunable, no constraints") {
  mosaic_test::TempDir dir("abi10");
  ShadowDir shadow(dir / "shadow");
  auto lib = Library::open(mosaic_test::test_plugin("abi10"), shadow);
  CHECK(lib->abi_version().major == 1);
  CHECK(lib->abi_version().minor == 0);
  CHECK(MOSAIC_ABI_MINOR >= 1);
  REQUIRE(lib->modules().size() == 1);
  const ContractInfo& c = lib->modules()[0].contract;
  REQUIRE(c.params.size() == 2);
  for (const auto& p : c.params) CHECK_FALSE(p.setting);
  CHECK(c.constraints.empty());

  // As in 1.0, the optimizer searches both, the seed included.
  const research::SearchSpace space({research::SpaceModule{"abi10", c, {}}}, {});
  REQUIRE(space.dimensions().size() == 2);
  CHECK(space.dimensions()[0].label() == "abi10.window");
  CHECK(space.dimensions()[1].label() == "abi10.seed");
  CHECK(space.size().str() == "80");  // 20 windows x 4 seeds
}
