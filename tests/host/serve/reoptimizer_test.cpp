// When serve's re-optimization falls due: `every` bars, or `every` seconds, since the last
// occasion started.
#include "host/serve/reoptimizer.hpp"

#include "support/plugin_fixture.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace mosaic::host;
using mosaic::host::serve::Reoptimizer;

TEST_CASE("reoptimizer: an occasion is due every N bars, or every N seconds") {
  mosaic_test::TempDir dir("reoptimizer");
  const Reoptimizer r(dir / "plugins", dir / "runs");
  ReoptimizeConfig bars;
  bars.every_bars = 100;
  CHECK_FALSE(r.due(bars, 99));
  CHECK(r.due(bars, 100));
  CHECK_FALSE(r.running());
  CHECK(r.occasions().empty());

  ReoptimizeConfig seconds;
  seconds.every_seconds = 0.3;
  CHECK_FALSE(r.due(seconds, 1'000'000));  // bars do not count
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  CHECK(r.due(seconds, 0));
}
