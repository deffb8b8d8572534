// A library that has run must still unload for real when its pipeline goes away: anything
// that pins it (a thread_local with a destructor, a GNU-unique symbol) would make a hot
// reload keep serving the old code.
#include "support/library_state.hpp"
#include "support/pipeline_harness.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace {

void check_unloads_after_running(const mosaic_test::HarnessOptions& options) {
  std::vector<fs::path> copies;
  {
    mosaic_test::Harness h(options);
    INFO(h.issues());
    REQUIRE(h.ok());
    for (const auto& lib : h.assembly().scan.libraries) copies.push_back(fs::canonical(lib->shadow_copy()));
    auto result = h.run();
    REQUIRE_FALSE(result.degraded());
    h.run();  // twice: warm buffers, per-instance scratch in use
    for (const auto& c : copies) CHECK(mosaic_test::is_loaded(c));
  }
  REQUIRE_FALSE(copies.empty());
  for (const auto& c : copies) {
    CHECK_MESSAGE(!mosaic_test::is_loaded(c), c.string() << " is still loaded after its pipeline was destroyed");
    CHECK_MESSAGE(!mosaic_test::is_mapped(c), c.string() << " is still mapped after its pipeline was destroyed");
  }
}

}  // namespace

TEST_CASE("unload: the technical module unloads after it has processed data") {
  check_unloads_after_running({.libraries = {std::string(MOSAIC_PLUGIN_DIR) + "/technical.so"},
                               .modules = std::vector<std::string>{"technical"},
                               .module_tables = "[modules.technical.params]\nemit = \"sma:5,zscore:5,atr:3\"\n",
                               .prices = fs::path(MOSAIC_DATA_DIR) / "spisector.csv"});
}

TEST_CASE("unload: a test module unloads after it has processed data") {
  check_unloads_after_running({.libraries = {"counter"}});
}
