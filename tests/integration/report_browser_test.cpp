// report.html opened in a real browser: Debian's chromium, headless, from file://, with
// JavaScript on and no network. The page must draw every chart without a console message or
// an error, and its screenshot must not be blank. The screenshots stay under the build
// folder (report-screenshots/) for a look when a test fails.
#include "host/cli/run_mosaic.hpp"
#include "support/plugin_fixture.hpp"
#include "support/png_pixels.hpp"
#include "support/slurp.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Rendered {
  std::string dom;              // after the scripts ran
  std::vector<std::string> console;  // the page's console lines
  fs::path screenshot;
};

std::string chromium_flags(const fs::path& profile) {
  return "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --enable-unsafe-swiftshader "
         "--hide-scrollbars --no-first-run --user-data-dir=" + profile.string() + " --virtual-time-budget=30000";
}

Rendered render(const fs::path& page, const std::string& name, const mosaic_test::TempDir& work) {
  const std::string chromium = MOSAIC_CHROMIUM;
  INFO("chromium comes from Debian (bash scripts/setup installs it); found: " << chromium);
  REQUIRE(fs::exists(chromium));
  Rendered r;
  const fs::path dom = work / (name + ".dom.html"), log = work / (name + ".log");
  const std::string url = "file://" + fs::absolute(page).string();
  const std::string dump = chromium + " " + chromium_flags(work / "profile") +
                           " --enable-logging=stderr --v=0 --dump-dom " + url + " >" + dom.string() + " 2>" +
                           log.string();
  REQUIRE(std::system(dump.c_str()) == 0);
  r.dom = mosaic_test::slurp(dom);
  std::istringstream lines(mosaic_test::slurp(log));
  for (std::string line; std::getline(lines, line);)
    if (line.find(":CONSOLE") != std::string::npos) r.console.push_back(line);
  const fs::path shots = fs::path(MOSAIC_BUILD_DIR) / "report-screenshots";
  fs::create_directories(shots);
  r.screenshot = shots / (name + ".png");
  fs::remove(r.screenshot);
  const std::string shot = chromium + " " + chromium_flags(work / "profile") +
                           " --window-size=1200,3000 --screenshot=" + r.screenshot.string() + " " + url +
                           " >/dev/null 2>&1";
  REQUIRE(std::system(shot.c_str()) == 0);
  return r;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Opens the page and checks what every report must do, and that the charts `ids` were drawn.
void check_page(const fs::path& page, const std::string& name, const std::vector<std::string>& ids,
                const mosaic_test::TempDir& work) {
  REQUIRE(fs::exists(page));
  const std::string html = mosaic_test::slurp(page);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(fs::file_size(page) < 5'000'000);

  const Rendered r = render(page, name, work);
  INFO("screenshot: " << r.screenshot.string());
  std::string console;
  for (const auto& line : r.console) console += line + "\n";
  INFO("console:\n" << console);
  CHECK(r.console.empty());
  CHECK(r.dom.find("data-error=") == std::string::npos);
  std::smatch m;
  REQUIRE(std::regex_search(r.dom, m, std::regex("data-charts=\"([0-9]+)\"")));
  const size_t charts = std::stoul(m[1]);
  CHECK(charts == ids.size());
  CHECK(count(r.dom, "class=\"chart js-plotly-plot\"") == charts);  // each chart div, drawn
  CHECK(count(r.dom, "class=\"main-svg\"") >= charts);              // with its SVG
  for (const auto& id : ids) CHECK(r.dom.find("id=\"" + id + "\"") != std::string::npos);

  REQUIRE(fs::exists(r.screenshot));
  const mosaic_test::Pixels pixels = mosaic_test::decode_png(mosaic_test::slurp(r.screenshot));
  CHECK(pixels.width == 1200);
  CHECK(mosaic_test::distinct_colours(pixels) > 50);
}

}  // namespace

TEST_CASE("report.html of mosaic run draws every chart in chromium, offline, without a console message") {
  mosaic_test::TempDir work("report-browser-run");
  REQUIRE(mosaic_test::run_mosaic("run --out " + (work / "run").string(), MOSAIC_SOURCE_DIR).code == 0);
  check_page(work / "run" / "report.html", "run", {"equity", "drawdown", "monthly", "rolling_sharpe", "weights"}, work);
}

TEST_CASE("report.html of mosaic optimize draws every chart in chromium, offline, without a console message") {
  mosaic_test::TempDir work("report-browser-optimize");
  REQUIRE(mosaic_test::run_mosaic("optimize --config examples/sma_sweep.toml --out " + (work / "opt").string(),
                                  MOSAIC_SOURCE_DIR)
              .code == 0);
  check_page(work / "opt" / "report.html", "optimize",
             {"winner_equity", "is_vs_oos", "heatmap", "best_so_far", "pbo_logits"}, work);
}

TEST_CASE("report.html of an optimize with many parameters draws one chart with a menu of them") {
  mosaic_test::TempDir work("report-browser-optimize-many");
  REQUIRE(mosaic_test::run_mosaic("optimize --method genetic --budget 200 --threads 2 --out " +
                                      (work / "opt").string(),
                                  MOSAIC_SOURCE_DIR)
              .code == 0);
  check_page(work / "opt" / "report.html", "optimize-many",
             {"winner_equity", "is_vs_oos", "parameters", "best_so_far", "pbo_logits"}, work);
}

TEST_CASE("report.html of mosaic ablate draws every chart in chromium, offline, without a console message") {
  mosaic_test::TempDir work("report-browser-ablate");
  REQUIRE(mosaic_test::run_mosaic("ablate --out " + (work / "ablate").string(), MOSAIC_SOURCE_DIR).code == 0);
  check_page(work / "ablate" / "report.html", "ablate", {"forest", "runs"}, work);
}

TEST_CASE("report.html of mosaic compare draws every chart in chromium, offline, without a console message") {
  mosaic_test::TempDir work("report-browser-compare");
  // B: the bundled pipeline with a faster trend average.
  std::string b = mosaic_test::slurp(std::string(MOSAIC_SOURCE_DIR) + "/examples/default.toml");
  const std::string prices = "\"../data/spisector.csv\"";
  REQUIRE(b.find(prices) != std::string::npos);
  b.replace(b.find(prices), prices.size(), "\"" + std::string(MOSAIC_SOURCE_DIR) + "/data/spisector.csv\"");
  REQUIRE(b.find("\nfast = 20\n") != std::string::npos);
  b.replace(b.find("\nfast = 20\n"), 11, "\nfast = 10\n");
  const auto b_file = work.write("b.toml", b);
  REQUIRE(mosaic_test::run_mosaic("compare examples/default.toml " + b_file.string() + " --out " +
                                      (work / "compare").string(),
                                  MOSAIC_SOURCE_DIR)
              .code == 0);
  check_page(work / "compare" / "report.html", "compare", {"equity", "drawdown", "rolling_correlation"}, work);
}
