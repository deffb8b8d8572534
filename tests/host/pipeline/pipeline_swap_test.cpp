#include "support/pipeline_harness.hpp"

#include "host/loader/library.hpp"

#include <doctest/doctest.h>

#include <mosaic/arrow.hpp>

#include <cstring>
#include <vector>

using namespace mosaic::host;

namespace {

const std::string kRegime = std::string(MOSAIC_PLUGIN_DIR) + "/regime.so";

mosaic_test::HarnessOptions regime_only() {
  return {.libraries = {kRegime},
          .modules = std::vector<std::string>{"regime"},
          .module_tables = "[modules.regime.params]\nwindow = \"expanding\"\nrefit_every = 63\n",
          .prices = std::filesystem::path(MOSAIC_DATA_DIR) / "spisector.csv"};
}

// Bit-for-bit, so that NaN (no estimate yet) equals NaN.
bool same(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::vector<double> p_high_vol(Pipeline& p, const MarketData& data, size_t bars) {
  mosaic_test::QuietLog quiet;
  const MarketData window = data.slice(0, bars);
  RunResult r = p.run(market_ports(window), shape_of(window));
  const PortValue& v = r.ports.at("regime.p_high_vol");
  mosaic::PanelView view(v.batch->schema(), v.batch->array());
  auto col = view.column(0);
  return {col.begin(), col.end()};
}

ModuleSetup fresh_build(mosaic_test::Harness& h) {
  auto lib = Library::open(kRegime, h.shadow());
  return module_setup(h.config(), lib, &lib->modules().front());
}

}  // namespace

TEST_CASE("the regime module's fitted model survives a swap through mosaic.ext.state/1") {
  mosaic_test::Harness swapped(regime_only()), control(regime_only());
  const auto before_outputs = p_high_vol(swapped.pipeline(), swapped.data(), 650);
  const auto fitted = swapped.pipeline().saved_state("regime");
  REQUIRE(fitted.has_value());
  const auto unfitted = control.pipeline().saved_state("regime");  // created, never run
  REQUIRE(unfitted.has_value());
  CHECK(*fitted != *unfitted);

  const uint64_t before = swapped.pipeline().setup("regime").library->generation();
  SwapReport report = swapped.pipeline().swap_module("regime", fresh_build(swapped));
  INFO(report.error);
  REQUIRE(report.error.empty());
  CHECK(report.state_handed_over);
  CHECK(report.state_bytes == fitted->size());
  CHECK(swapped.pipeline().setup("regime").library->generation() > before);
  CHECK(swapped.pipeline().saved_state("regime") == fitted);  // the new build holds the old model

  // And it serves exactly what the unswapped pipeline serves.
  CHECK(same(before_outputs, p_high_vol(control.pipeline(), control.data(), 650)));
  CHECK(same(p_high_vol(swapped.pipeline(), swapped.data(), 651), p_high_vol(control.pipeline(), control.data(), 651)));
}

TEST_CASE("a swap to a build of another module is refused and the old instance serves on") {
  mosaic_test::Harness h(regime_only());
  const auto before = p_high_vol(h.pipeline(), h.data(), 300);
  auto lib = Library::open(mosaic_test::test_plugin("toy_weights"), h.shadow());
  ModuleSetup other;
  other.library = lib;
  other.factory = &lib->modules().front();
  SwapReport report = h.pipeline().swap_module("regime", other);
  CHECK(report.error.find("toy_weights") != std::string::npos);
  CHECK(same(p_high_vol(h.pipeline(), h.data(), 300), before));
}

TEST_CASE("an unloaded module fails every run with its reason until a build is swapped in") {
  mosaic_test::Harness h(regime_only());
  h.release_scanned_libraries();
  h.pipeline().unload_module("regime", "its library was deleted");
  CHECK(h.pipeline().setup("regime").library == nullptr);
  CHECK(h.pipeline().contract("regime").name == "regime");  // the host's copy outlives the library
  mosaic_test::QuietLog quiet;
  RunResult r = h.pipeline().run(market_ports(h.data()), shape_of(h.data()));
  CHECK(mosaic_test::module_run(r, "regime").outcome == CallOutcome::Failed);
  CHECK(mosaic_test::degraded_text(r).find("its library was deleted") != std::string::npos);
  SwapReport report = h.pipeline().swap_module("regime", fresh_build(h));
  CHECK(report.error.empty());
  CHECK_FALSE(report.state_handed_over);  // nothing to hand over from an unloaded module
  CHECK_FALSE(h.pipeline().run(market_ports(h.data()), shape_of(h.data())).degraded());
}

TEST_CASE("a module added to a live pipeline runs in the order given") {
  mosaic_test::Harness h({.libraries = {"flaky", "req_reader"}, .modules = std::vector<std::string>{"flaky"}});
  h.run();
  auto lib = Library::open(mosaic_test::test_plugin("req_reader"), h.shadow());
  ModuleSetup reader = module_setup(h.config(), lib, &lib->modules().front());
  CHECK_THROWS_AS(h.pipeline().add_module(reader, {"flaky", "nosuch"}), std::logic_error);
  CHECK(h.pipeline().order() == std::vector<std::string>{"flaky"});  // a refused add changes nothing
  h.pipeline().add_module(reader, {"flaky", "req_reader"});
  CHECK(h.pipeline().order() == std::vector<std::string>{"flaky", "req_reader"});
  RunResult r = h.run();
  CHECK(mosaic_test::module_run(r, "req_reader").outcome == CallOutcome::Ok);
  CHECK_THROWS_AS(h.pipeline().add_module(reader, {"flaky", "req_reader", "req_reader"}), std::logic_error);
}
