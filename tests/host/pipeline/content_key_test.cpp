// mosaic.ext.content_key/1 through a real pipeline: the `keyed` test module writes the key
// the host gives it for its close input (its top 53 bits, exact in a double).
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include "host/pipeline/output_cache.hpp"

#include <mosaic/arrow.hpp>

#include <memory>

using mosaic_test::Harness;

namespace {

double keyed_value(const mosaic::host::RunResult& r) {
  const auto& v = r.ports.at("signal.keyed");
  return mosaic::PanelView(v.batch->schema(), v.batch->array()).column(0)[0];
}

}  // namespace

TEST_CASE("content key: with the output cache on, a module is told its data port's key") {
  Harness h({.libraries = {"keyed"}});
  REQUIRE(h.ok());
  h.pipeline().set_cache(std::make_shared<mosaic::host::OutputCache>(size_t{1} << 20));
  const auto first = h.run();
  const auto& close = first.ports.at("close");
  const uint64_t key = mosaic::host::content_key(close.batch->schema(), close.batch->array());
  REQUIRE(key != 0);
  CHECK(keyed_value(first) == static_cast<double>(key >> 11));
  CHECK(keyed_value(h.run()) == static_cast<double>(key >> 11));  // the same prices, the same key
}

TEST_CASE("content key: without keys (no cache in a plain run) the module is told 0") {
  Harness h({.libraries = {"keyed"}});
  REQUIRE(h.ok());
  CHECK(keyed_value(h.run()) == 0.0);
}
