// report.html from a run folder's own files: the JSON its script draws from, and the page
// around it (self-contained: nothing that loads from a network, no early </script>).
#include "host/report/html_report.hpp"

#include "host/app/error.hpp"
#include "host/report/run_html.hpp"
#include "support/plugin_fixture.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;

namespace {

// A small run folder as `mosaic run` lays it out: 4 bars in two months, two assets.
void write_run_folder(const mosaic_test::TempDir& dir) {
  dir.write("config.toml", "[data]\nprices = \"prices.csv\"\n# a comment with </script> and <!-- <script> in it\n");
  dir.write("equity.csv", "date,equity,drawdown\n2024-01-30,1,0\n2024-01-31,1.1,0\n2024-02-01,1.05,nan\n"
                          "2024-02-29,1.155,0\n");
  dir.write("benchmark.csv", "date,equity\n2024-01-30,1\n2024-01-31,1.02\n2024-02-01,1.01\n2024-02-29,1.03\n");
  dir.write("weights.csv", "date,AAA,BBB\n2024-01-30,0.5,0.5\n2024-01-31,0.6,0.4\n2024-02-01,1,0\n2024-02-29,0,0\n");
  dir.write("metrics.json", R"({"sharpe": 1.5, "total_return": 0.155,
    "settings": {"periods_per_year": 4.0, "risk_free_rate": 0.0}})");
  dir.write("modules.json", R"([{"name": "technical", "version": "1.1.0", "id": "org.mosaic.technical",
    "library": "/nowhere/technical.so", "status": "ok", "confidence": 1.0,
    "latency_ms": {"last": 0.8}, "sla": {"max_latency_ms": 5.0, "verdict": "ok"}}])");
}

}  // namespace

TEST_CASE("report: a run folder's page data comes from its own files") {
  mosaic_test::TempDir dir("html-run");
  write_run_folder(dir);
  CHECK(report::folder_kind(dir.path()) == "run");
  const nlohmann::json d = report::html_report_data(dir.path());
  CHECK(d["kind"] == "run");
  CHECK(d["dates"].size() == 4);
  CHECK(d["equity"][3] == 1.155);
  CHECK(d["drawdown"][2].is_null());  // NaN goes out as a gap
  CHECK(d["benchmark"][1] == 1.02);
  REQUIRE(d["monthly"].size() == 2);
  CHECK(d["monthly"][0]["month"] == 1);
  CHECK(d["monthly"][1]["value"].get<double>() == doctest::Approx(0.05));  // 1.155 / 1.1 - 1
  CHECK(d["rolling_sharpe"]["window"] == 2);  // half of 4 periods a year
  CHECK(d["rolling_sharpe"]["values"].size() == 4);
  CHECK(d["weights"]["assets"] == nlohmann::json({"AAA", "BBB"}));
  CHECK(d["weights"]["values"][0][1] == 0.6);
  CHECK(d["metrics"]["sharpe"] == 1.5);
  REQUIRE(d["modules"].size() == 1);
  CHECK(d["modules"][0]["sla"] == "ok");
  CHECK(d["modules"][0]["latency_ms"] == 0.8);
  const nlohmann::json& h = d["header"];
  CHECK(h["command"] == "run");
  CHECK(h["data"] == "prices.csv");
  CHECK(h["bars"] == 4);
  CHECK(h["first"] == "2024-01-30");
  CHECK(h["plugins"][0]["version"] == "1.1.0");
  CHECK(h["plugins"][0]["sha256"] == "");  // the library is not there to hash
  CHECK(h["config"].get<std::string>().find("prices.csv") != std::string::npos);
}

TEST_CASE("report: the page carries its data and library inline and nothing that loads from a network") {
  mosaic_test::TempDir dir("html-page");
  write_run_folder(dir);
  const std::string page = report::html_page(report::html_report_data(dir.path()), "QUJD");
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);
  CHECK(page.find("data-encoding=\"gzip+base64\">QUJD</script>") != std::string::npos);
  // The config's "</script>" cannot end the data element early.
  const size_t data_at = page.find("<script id=\"mosaic-data\"");
  const size_t data_end = page.find("</script>", data_at);
  CHECK(page.substr(data_at, data_end - data_at).find("\\u003c/script>") != std::string::npos);
  CHECK(nlohmann::json::parse(page.substr(page.find('>', data_at) + 1, data_end - page.find('>', data_at) - 1))["kind"] ==
        "run");
}

TEST_CASE("report: folders that are not run folders are refused with the reason") {
  mosaic_test::TempDir dir("html-kinds");
  auto kind_error = [](const std::filesystem::path& p) {
    try {
      report::html_report_data(p);
    } catch (const app::Error& e) {
      CHECK(e.kind == app::ErrorKind::Usage);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(kind_error(dir / "absent").find("not a folder") != std::string::npos);
  CHECK(kind_error(dir.path()).find("not a run folder") != std::string::npos);
  dir.write("ablation.csv", "module\n");
  CHECK(report::folder_kind(dir.path()) == "ablate");
}

TEST_CASE("report: a benchmark whose dates differ from the equity's is a data error") {
  mosaic_test::TempDir dir("html-bench");
  write_run_folder(dir);
  dir.write("benchmark.csv", "date,equity\n2024-01-30,1\n");
  CHECK_THROWS_AS(report::html_report_data(dir.path()), app::Error);
}
