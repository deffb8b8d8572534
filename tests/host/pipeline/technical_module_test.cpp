// The real technical module, loaded from the build's plugin folder and run by the host on
// spisector.csv: its panels are on the run's calendar and universe and hold the values a
// straightforward computation gives.
#include <doctest/doctest.h>

#include "support/pipeline_harness.hpp"

#include <mosaic/arrow.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using mosaic::host::CallOutcome;

namespace {

mosaic_test::HarnessOptions technical(const std::string& params) {
  return {.libraries = {std::string(MOSAIC_PLUGIN_DIR) + "/technical.so"},
          .modules = std::vector<std::string>{"technical"},
          .module_tables = "[modules.technical.params]\n" + params,
          .prices = fs::path(MOSAIC_DATA_DIR) / "spisector.csv"};
}

mosaic::PanelView panel(const mosaic::host::RunResult& r, const std::string& port) {
  const auto& v = r.ports.at(port);
  return mosaic::PanelView(v.batch->schema(), v.batch->array(), port);
}

}  // namespace

TEST_CASE("technical module: emitted SMA matches a direct computation, and skips the missing close") {
  mosaic_test::Harness h(technical("emit = \"sma:20,rsi:14,macd:12:26:9,bb:20:2,atr:14\"\n"));
  INFO(h.issues());
  REQUIRE(h.ok());
  auto r = h.run();
  REQUIRE(mosaic_test::module_run(r, "technical").outcome == CallOutcome::Ok);
  for (const char* port : {"signal.technical", "technical.sma_20", "technical.rsi_14", "technical.macd_12_26_9",
                           "technical.macd_signal_12_26_9", "technical.macd_hist_12_26_9", "technical.bb_upper_20_2",
                           "technical.bb_middle_20_2", "technical.bb_lower_20_2", "technical.bb_pctb_20_2",
                           "technical.atr_14"})
    CHECK_MESSAGE(r.ports.contains(port), port);

  const auto close = panel(r, "close");
  const auto sma = panel(r, "technical.sma_20");
  REQUIRE(sma.rows() == 2216);
  const size_t cong = close.find("CONG");
  REQUIRE(cong < close.assets());
  for (size_t t = 0; t < 19; ++t) CHECK(std::isnan(sma.column(cong)[t]));
  for (size_t t = 19; t < close.rows(); t += 97) {
    double sum = 0;
    for (size_t k = t - 19; k <= t; ++k) sum += close.column(cong)[k];
    CHECK(sma.column(cong)[t] == doctest::Approx(sum / 20).epsilon(1e-12));
  }

  // BASI misses one close (2002-01-29): NaN there, and the window then spans the gap.
  const size_t basi = close.find("BASI");
  size_t gap = close.rows();
  for (size_t t = 0; t < close.rows(); ++t)
    if (std::isnan(close.column(basi)[t])) gap = t;
  REQUIRE(gap < close.rows());
  CHECK(std::isnan(sma.column(basi)[gap]));
  CHECK(std::isnan(panel(r, "signal.technical").column(basi)[gap]));
  double sum = 0;
  for (size_t k = gap - 19; k <= gap + 1; ++k)
    if (k != gap) sum += close.column(basi)[k];
  CHECK(sma.column(basi)[gap + 1] == doctest::Approx(sum / 20).epsilon(1e-12));

  // Scores stay in [-1, 1]; the module's confidence is the share of assets scored on the last bar.
  const auto sig = panel(r, "signal.technical");
  for (size_t a = 0; a < sig.assets(); ++a)
    for (double v : sig.column(a))
      if (!std::isnan(v)) CHECK(std::fabs(v) <= 1.0);
  CHECK(mosaic_test::module_run(r, "technical").confidence == doctest::Approx(1.0));
}

TEST_CASE("technical module: parameters change the signal") {
  mosaic_test::Harness a(technical("fast = 5\nslow = 20\n"));
  mosaic_test::Harness b(technical("fast = 30\nslow = 200\n"));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  auto ra = a.run();
  auto rb = b.run();
  const auto sa = panel(ra, "signal.technical");
  const auto sb = panel(rb, "signal.technical");
  size_t differ = 0;
  for (size_t t = 250; t < sa.rows(); ++t) differ += sa.column(0)[t] != sb.column(0)[t];
  CHECK(differ > 1000);
  CHECK(std::isnan(sb.column(0)[150]));  // slow = 200 is still warming up
  CHECK_FALSE(std::isnan(sa.column(0)[150]));
}
