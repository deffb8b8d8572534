// The output cache: module outputs reused when the module, its parameters and its inputs are
// the same, recomputed when anything upstream changes, and kept within a memory bound.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include "host/pipeline/output_cache.hpp"

#include <mosaic/arrow.hpp>

#include <memory>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using mosaic::host::OutputCache;
using mosaic::host::Pipeline;
using mosaic_test::module_run;

namespace {

// A pipeline built from copies of the harness's setups, so several pipelines share the
// loaded libraries (as an optimizer's do) and differ only in parameters.
std::unique_ptr<Pipeline> pipeline_with(const mosaic_test::Harness& h, const std::string& module,
                                        const std::string& param, int64_t value) {
  auto setups = h.assembly().setups;
  for (auto& s : setups)
    if (s.factory->contract.name == module)
      for (auto& p : s.params)
        if (p.name == param) p.value.i = value;
  return std::make_unique<Pipeline>(std::move(setups), h.assembly().resolution.order, 3);
}

mosaic_test::HarnessOptions technical_and_weights() {
  return {.libraries = {std::string(MOSAIC_PLUGIN_DIR) + "/technical.so", "toy_weights"},
          .modules = std::vector<std::string>{"technical", "toy_weights"},
          .prices = fs::path(MOSAIC_DATA_DIR) / "spisector.csv"};
}

double first_value(const mosaic::host::RunResult& r, const std::string& port) {
  const auto& v = r.ports.at(port);
  return mosaic::PanelView(v.batch->schema(), v.batch->array(), port).column(0)[0];
}

}  // namespace

TEST_CASE("output cache: a second identical run calls no module") {
  mosaic_test::Harness h({.libraries = {"counter"}});
  REQUIRE(h.ok());
  auto cache = std::make_shared<OutputCache>(64 << 20);
  h.pipeline().set_cache(cache);
  auto first = h.run();
  CHECK_FALSE(module_run(first, "counter").cached);
  CHECK(first_value(first, "signal.counter") == 1);  // the counter's first call
  auto second = h.run();
  CHECK(module_run(second, "counter").cached);
  CHECK(module_run(second, "counter").outcome == mosaic::host::CallOutcome::Ok);
  CHECK(first_value(second, "signal.counter") == 1);  // not called again
  CHECK(h.pipeline().stats("counter").calls == 1);
  CHECK(h.pipeline().stats("counter").cache_hits == 1);
  CHECK(cache->stats().hits == 1);
  CHECK(cache->stats().misses == 1);
}

TEST_CASE("output cache: varying a downstream module's parameters reuses the upstream outputs") {
  mosaic_test::Harness h(technical_and_weights());
  INFO(h.issues());
  REQUIRE(h.ok());
  auto cache = std::make_shared<OutputCache>(256 << 20);
  auto a = pipeline_with(h, "toy_weights", "lookback", 20);
  auto b = pipeline_with(h, "toy_weights", "lookback", 40);
  a->set_cache(cache);
  b->set_cache(cache);
  const auto ports = mosaic::host::market_ports(h.data());
  const auto shape = mosaic::host::shape_of(h.data());
  mosaic_test::QuietLog quiet;
  auto ra = a->run(ports, shape);
  auto rb = b->run(ports, shape);
  CHECK_FALSE(module_run(ra, "technical").cached);
  CHECK(module_run(rb, "technical").cached);       // same module, parameters and data
  CHECK_FALSE(module_run(rb, "toy_weights").cached);  // other parameters: computed
  CHECK(b->stats("technical").calls == 0);
  // The reused outputs are the very same data.
  CHECK(ra.ports.at("signal.technical").batch == rb.ports.at("signal.technical").batch);
  // And a third pipeline like the first is served entirely from the cache.
  auto c = pipeline_with(h, "toy_weights", "lookback", 20);
  c->set_cache(cache);
  auto rc = c->run(ports, shape);
  CHECK(module_run(rc, "technical").cached);
  CHECK(module_run(rc, "toy_weights").cached);
  CHECK(rc.ports.at("weights.target").batch == ra.ports.at("weights.target").batch);
}

TEST_CASE("output cache: other data means other keys") {
  mosaic_test::Harness h(technical_and_weights());
  REQUIRE(h.ok());
  auto cache = std::make_shared<OutputCache>(256 << 20);
  h.pipeline().set_cache(cache);
  h.run();
  auto sliced = h.data().slice(0, 1000);
  mosaic_test::QuietLog quiet;
  auto r = h.pipeline().run(mosaic::host::market_ports(sliced), mosaic::host::shape_of(sliced));
  CHECK_FALSE(module_run(r, "technical").cached);
  CHECK_FALSE(module_run(r, "toy_weights").cached);
  CHECK(r.ports.at("signal.technical").batch != nullptr);
}

TEST_CASE("output cache: the memory bound evicts the least recently used entries") {
  mosaic_test::Harness h({.libraries = {"counter"}});
  REQUIRE(h.ok());
  auto one = h.run();  // a 5-bar x 3-asset panel: ts + 3 columns of 5 doubles = 160 bytes
  const auto& port = one.ports.at("signal.counter");
  const size_t bytes = mosaic::host::arrow_bytes(port.batch->schema(), port.batch->array());
  CHECK(bytes == 4 * 5 * 8);
  OutputCache cache(2 * bytes);
  cache.insert(1, {port});
  cache.insert(2, {port});
  CHECK(cache.find(1).has_value());  // 1 is now the most recent
  cache.insert(3, {port});           // over the bound: 2 goes
  CHECK_FALSE(cache.find(2).has_value());
  CHECK(cache.find(1).has_value());
  CHECK(cache.find(3).has_value());
  CHECK(cache.stats().evictions == 1);
  CHECK(cache.stats().bytes == 2 * bytes);
  OutputCache tiny(bytes - 1);
  tiny.insert(9, {port});  // larger than the whole bound: not kept
  CHECK(tiny.stats().entries == 0);
}

TEST_CASE("output cache: new parameters on the same pipeline make a new key, and the old ones the old key") {
  mosaic_test::Harness h(technical_and_weights());
  REQUIRE(h.ok());
  auto cache = std::make_shared<OutputCache>(256 << 20);
  h.pipeline().set_cache(cache);
  auto lookback = [&](int64_t value) {
    auto params = h.pipeline().setup("toy_weights").params;
    for (auto& p : params)
      if (p.name == "lookback") p.value.i = value;
    return params;
  };
  mosaic_test::QuietLog quiet;
  h.pipeline().reconfigure("toy_weights", lookback(20));  // false when 20 is already the value
  const auto first = h.run();
  CHECK_FALSE(module_run(first, "toy_weights").cached);
  REQUIRE(h.pipeline().reconfigure("toy_weights", lookback(40)));
  const auto other = h.run();
  CHECK(module_run(other, "technical").cached);
  CHECK_FALSE(module_run(other, "toy_weights").cached);  // new parameters: computed
  REQUIRE(h.pipeline().reconfigure("toy_weights", lookback(20)));
  const auto again = h.run();
  CHECK(module_run(again, "toy_weights").cached);  // the first parameters' outputs
  CHECK(again.ports.at("weights.target").batch == first.ports.at("weights.target").batch);
}
