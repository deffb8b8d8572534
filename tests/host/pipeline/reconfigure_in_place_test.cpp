// mosaic.ext.reconfigure/1: a module that offers it takes a search's next parameters in
// place and keeps what it computed (technical keeps its moving averages); it must then behave
// exactly as a new instance with those parameters. A module without it (an ABI 1.0 build, a
// test module) gets a new instance, as before.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"
#include "support/synthetic_prices.hpp"

#include "host/data/price_csv.hpp"
#include "host/pipeline/market_ports.hpp"

#include <mosaic/arrow.hpp>

#include <fmt/format.h>

#include <cstring>

using namespace mosaic::host;
using mosaic_test::Harness;
using mosaic_test::module_run;

namespace {

std::string walk_csv(uint64_t seed) {
  const auto close = mosaic_test::random_walks(2, 400, seed, {0.0002, 0.005, 0.01, 0.002});  // positive prices
  std::string text = "date,AAA,BBB\n";
  for (size_t t = 0; t < 400; ++t)
    text += fmt::format("{}-{:02d}-{:02d},{:.2f},{:.2f}\n", 2000 + t / 336, 1 + t / 28 % 12, 1 + t % 28, close[0][t],
                        close[1][t]);
  return text;
}

const std::string kTechnical = std::string(MOSAIC_PLUGIN_DIR) + "/technical.so";

std::string technical_table(int fast, int slow) {
  return fmt::format("[modules.technical.params]\nfast = {}\nslow = {}\nw_meanrev = 0.3\nw_momentum = 0.2\n", fast,
                     slow);
}

std::vector<BoundParam> with(std::vector<BoundParam> params, int fast, int slow) {
  for (auto& p : params) {
    if (p.name == "fast") p.value.i = fast;
    if (p.name == "slow") p.value.i = slow;
  }
  return params;
}

// The signal panel's values, asset by asset, bit for bit.
std::vector<uint64_t> signal_bits(const RunResult& r) {
  const PortValue& v = r.ports.at("signal.technical");
  const mosaic::PanelView panel(v.batch->schema(), v.batch->array());
  std::vector<uint64_t> bits;
  for (size_t a = 0; a < panel.assets(); ++a)
    for (double x : panel.column(a)) {
      uint64_t b;
      std::memcpy(&b, &x, sizeof b);
      bits.push_back(b);
    }
  return bits;
}

// A new instance's signal on the same prices.
std::vector<uint64_t> fresh_signal(const std::filesystem::path& prices, int fast, int slow) {
  Harness fresh({.libraries = {kTechnical}, .modules = std::vector<std::string>{"technical"},
                 .module_tables = technical_table(fast, slow), .prices = prices});
  REQUIRE(fresh.ok());
  const RunResult r = fresh.run();
  REQUIRE_FALSE(r.degraded());
  return signal_bits(r);
}

}  // namespace

TEST_CASE("reconfigure in place: technical keeps its instance, and each configuration's signal is a new instance's") {
  mosaic_test::TempDir dir("reconfigure");
  const auto prices = dir.write("walk.csv", walk_csv(7));
  Harness h({.libraries = {kTechnical}, .modules = std::vector<std::string>{"technical"},
             .module_tables = technical_table(5, 20), .prices = prices});
  REQUIRE(h.ok());
  const RunResult first = h.run();
  REQUIRE_FALSE(first.degraded());
  CHECK(module_run(first, "technical").cold);
  const auto base = h.pipeline().setup("technical").params;
  // Around and back: the later runs find the earlier periods' averages kept.
  for (auto [fast, slow] : {std::pair{8, 30}, std::pair{5, 30}, std::pair{8, 20}, std::pair{5, 20}}) {
    CAPTURE(fast);
    CAPTURE(slow);
    REQUIRE(h.pipeline().reconfigure("technical", with(base, fast, slow)));
    const RunResult r = h.run();
    REQUIRE_FALSE(r.degraded());
    CHECK_FALSE(module_run(r, "technical").cold);  // the same, warm instance
    CHECK(h.pipeline().stats("technical").cold_calls == 1);
    CHECK(signal_bits(r) == fresh_signal(prices, fast, slow));
  }
}

TEST_CASE("reconfigure in place: new prices make technical forget what it kept") {
  mosaic_test::TempDir dir("reconfigure-prices");
  const auto a = dir.write("a.csv", walk_csv(1));
  const auto b = dir.write("b.csv", walk_csv(2));
  Harness h({.libraries = {kTechnical}, .modules = std::vector<std::string>{"technical"},
             .module_tables = technical_table(5, 20), .prices = a});
  REQUIRE(h.ok());
  REQUIRE_FALSE(h.run().degraded());
  const MarketData other = read_price_csv(b);
  mosaic_test::QuietLog quiet;
  const RunResult r = h.pipeline().run(market_ports(other), shape_of(other));
  REQUIRE_FALSE(r.degraded());
  CHECK(signal_bits(r) == fresh_signal(b, 5, 20));
  // And back to the first prices, under other parameters and then the first ones.
  REQUIRE(h.pipeline().reconfigure("technical", with(h.pipeline().setup("technical").params, 8, 30)));
  CHECK(signal_bits(h.run()) == fresh_signal(a, 8, 30));
  REQUIRE(h.pipeline().reconfigure("technical", with(h.pipeline().setup("technical").params, 5, 20)));
  CHECK(signal_bits(h.run()) == fresh_signal(a, 5, 20));
}

TEST_CASE("reconfigure in place: values the module refuses give a new instance, whose create reports them") {
  Harness h({.libraries = {kTechnical}, .modules = std::vector<std::string>{"technical"},
             .module_tables = technical_table(5, 20)});
  REQUIRE(h.ok());
  REQUIRE_FALSE(h.run().degraded());
  mosaic_test::QuietLog quiet;
  REQUIRE(h.pipeline().reconfigure("technical", with(h.pipeline().setup("technical").params, 30, 20)));
  const RunResult r = h.run();
  REQUIRE(r.degraded());
  CHECK(h.pipeline().create_error("technical").find("fast (30) must be below slow (20)") != std::string::npos);
  // Good values again: a new instance, cold, that runs.
  REQUIRE(h.pipeline().reconfigure("technical", with(h.pipeline().setup("technical").params, 5, 20)));
  const RunResult again = h.run();
  CHECK_FALSE(again.degraded());
  CHECK(module_run(again, "technical").cold);
}

TEST_CASE("reconfigure: a module built against ABI 1.0 gets a new instance, as before") {
  Harness h({.libraries = {"abi10"}});
  REQUIRE(h.ok());
  REQUIRE_FALSE(h.run().degraded());
  auto params = h.pipeline().setup("abi10").params;
  for (auto& p : params)
    if (p.name == "window") p.value.i += 1;
  REQUIRE(h.pipeline().reconfigure("abi10", params));
  const RunResult r = h.run();
  CHECK_FALSE(r.degraded());
  CHECK(module_run(r, "abi10").cold);  // a new instance's first call
  CHECK(h.pipeline().stats("abi10").cold_calls == 2);
}
