// The ablate and compare pages' data from their folders' own files.
#include "host/report/study_html.hpp"

#include "host/report/html_report.hpp"
#include "support/plugin_fixture.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;

TEST_CASE("report: the ablate page data holds every run's effects and equity") {
  mosaic_test::TempDir dir("html-ablate");
  dir.write("config.toml", "[data]\nprices = \"p.csv\"\n");
  dir.write("report.json", R"({"bootstrap": {"confidence": 0.95, "resamples": 1000}})");
  dir.write("ablation.csv", "run,kind,module,metric,full,value,change,ci_low,ci_high,std_error\n"
                            "without:risk,without,risk,sharpe,0.6,0.5,-0.1,-0.3,0.1,0.1\n"
                            "without:risk,without,risk,cagr,0.04,0.05,0.01,,,\n");
  dir.write("equity.csv", "date,full,without:risk\n2024-01-02,1,1\n2024-01-03,1.1,1.05\n");
  CHECK(report::folder_kind(dir.path()) == "ablate");
  const nlohmann::json d = report::html_report_data(dir.path());
  CHECK(d["kind"] == "ablate");
  REQUIRE(d["effects"].size() == 2);
  CHECK(d["effects"][0]["run"] == "without:risk");
  CHECK(d["effects"][0]["ci_low"] == -0.3);
  CHECK(d["effects"][1]["ci_low"].is_null());
  REQUIRE(d["runs"].size() == 2);
  CHECK(d["runs"][1]["name"] == "without:risk");
  CHECK(d["runs"][1]["equity"][1] == 1.05);
}

TEST_CASE("report: the compare page data holds both curves, their drawdowns and the rolling correlation") {
  mosaic_test::TempDir dir("html-compare");
  dir.write("a.toml", "[data]\nprices = \"p.csv\"\n");
  dir.write("b.toml", "[data]\nprices = \"p.csv\"\n# b\n");
  dir.write("report.json", R"({"a": {"data": {"file": "p.csv"}}, "common_bars": {"bars": 3},
    "sharpe_difference": {"verdict": "no difference"}, "metrics": {"sharpe": {"a": 1, "b": 2, "b_minus_a": 1}}})");
  dir.write("equity.csv", "date,a,b\n2024-01-02,1,1\n2024-01-03,1.2,0.9\n2024-01-04,0.9,1.2\n");
  dir.write("a_modules.json", R"([{"name": "technical", "version": "1.1.0", "library": "/nowhere/technical.so"}])");
  dir.write("b_modules.json", R"([{"name": "technical", "version": "1.2.0", "library": "/nowhere/technical.so"}])");
  CHECK(report::folder_kind(dir.path()) == "compare");
  const nlohmann::json d = report::html_report_data(dir.path());
  CHECK(d["kind"] == "compare");
  CHECK(d["header"]["data"] == "p.csv");
  CHECK(d["header"]["config"].get<std::string>().find("# b") != std::string::npos);
  CHECK(d["a"]["drawdown"][2].get<double>() == doctest::Approx(0.25));  // 0.9 below the 1.2 peak
  CHECK(d["b"]["drawdown"][1].get<double>() == doctest::Approx(0.1));
  CHECK(d["rolling_correlation"]["window"] == 126);
  CHECK(d["rolling_correlation"]["values"][2].is_null());  // fewer bars than the window
  CHECK(d["sharpe_difference"]["verdict"] == "no difference");
  CHECK(d["common_bars"]["bars"] == 3);
  REQUIRE(d["header"]["plugins"].size() == 2);
  CHECK(d["header"]["plugins"][0]["name"] == "A: technical");
  CHECK(d["header"]["plugins"][1]["version"] == "1.2.0");
}
