// The optimize report's data from an optimize folder's own files.
#include "host/report/optimize_html.hpp"

#include "host/report/html_report.hpp"
#include "support/plugin_fixture.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;

namespace {

// Two folds; the charts read the last. Two numeric parameters, sharpe maximised.
void write_optimize_folder(const mosaic_test::TempDir& dir) {
  dir.write("config.toml", "[data]\nprices = \"p.csv\"\n");
  dir.write("report.json", R"({"method": "grid", "targets": [{"metric": "sharpe", "maximize": true}],
    "folds": [{"evaluated": 1}, {"evaluated": 4, "strategies": 4, "pbo": {"pbo": 0.5}, "deflated_sharpe": {"probability": 0.9}}]})");
  dir.write("results.csv",
            "fold,trial,status,strategy,problem,m.fast,m.slow,total_return,sharpe\n"
            "1,1,ok,1,,1,10,0.1,9\n"
            "2,1,ok,1,,1,10,0.1,0.5\n"
            "2,2,ok,2,,2,10,0.2,0.4\n"
            "2,3,infeasible,3,\"broke: a, b\",1,20,0.3,0.9\n"
            "2,4,ok,4,,2,20,0.3,0.7\n");
  dir.write("out_of_sample.csv",
            "fold,trial,strategy,in_sample_sharpe,out_of_sample_sharpe\n1,1,1,9,1\n2,4,4,0.7,0.2\n2,2,2,0.4,\n");
  dir.write("pbo_logits.csv", "fold,combination,logit\n1,1,5\n2,1,-0.5\n2,2,0.25\n");
  dir.write("equity.csv", "date,equity,drawdown,sample\n2024-01-02,1,0,train\n2024-01-03,1.1,0,train\n"
                          "2024-01-04,1.2,0,test\n");
}

}  // namespace

TEST_CASE("report: the optimize page data comes from the folder's own files, the last fold's") {
  mosaic_test::TempDir dir("html-optimize");
  write_optimize_folder(dir);
  CHECK(report::folder_kind(dir.path()) == "optimize");
  const nlohmann::json d = report::html_report_data(dir.path());
  CHECK(d["kind"] == "optimize");
  CHECK(d["target"] == "sharpe");
  CHECK(d["folds"] == 2);
  CHECK(d["fold"]["evaluated"] == 4);
  // Best so far counts ok configurations only: the infeasible 0.9 does not count.
  CHECK(d["best_so_far"]["evaluations"] == nlohmann::json({1, 2, 3, 4}));
  CHECK(d["best_so_far"]["best"] == nlohmann::json({0.5, 0.5, 0.5, 0.7}));
  CHECK(d["best_so_far"]["note"] == "");
  // The grid of the two parameters, the target in each cell.
  const nlohmann::json& h = d["heatmap"];
  CHECK(h["x_name"] == "m.fast");
  CHECK(h["y"] == nlohmann::json({10.0, 20.0}));
  CHECK(h["z"] == nlohmann::json({{0.5, 0.4}, {0.9, 0.7}}));
  REQUIRE(d["parameters"]["series"].size() == 2);
  CHECK(d["parameters"]["series"][1]["x"] == nlohmann::json({10.0, 10.0, 20.0, 20.0}));
  CHECK(d["out_of_sample"]["x"] == nlohmann::json({0.7}));
  CHECK(d["out_of_sample"]["y"] == nlohmann::json({0.2}));
  // Two of the last fold's four strategies measured; one has no out-of-sample Sharpe.
  CHECK(d["out_of_sample"]["measured"] == 2);
  CHECK(d["out_of_sample"]["strategies"] == 4);
  CHECK(d["out_of_sample"]["note"] == "");
  CHECK(d["pbo_logits"] == nlohmann::json({-0.5, 0.25}));
  // The winner's two lines join at the last training bar.
  CHECK(d["winner_equity"]["train"] == nlohmann::json({1.0, 1.1, nullptr}));
  CHECK(d["winner_equity"]["test"] == nlohmann::json({nullptr, 1.1, 1.2}));
}

TEST_CASE("report: a chart of more points than it draws keeps every k-th row and says so") {
  mosaic_test::TempDir dir("html-optimize-thin");
  write_optimize_folder(dir);
  std::string rows = "fold,trial,status,strategy,problem,m.x,sharpe\n";
  for (size_t i = 1; i <= report::kChartPoints * 2; ++i)
    rows += "2," + std::to_string(i) + ",ok," + std::to_string(i) + ",," + std::to_string(i) + ",0.5\n";
  dir.write("results.csv", rows);
  // out_of_sample = "all": every strategy measured, more than the scatter draws.
  std::string oos = "fold,trial,strategy,in_sample_sharpe,out_of_sample_sharpe\n";
  for (size_t i = 1; i <= report::kChartPoints * 2 + 1; ++i)
    oos += "2," + std::to_string(i) + "," + std::to_string(i) + ",0.5,0.25\n";
  dir.write("out_of_sample.csv", oos);
  const nlohmann::json d = report::html_report_data(dir.path());
  CHECK(d["out_of_sample"]["x"].size() == 3334);
  CHECK(d["out_of_sample"]["measured"] == report::kChartPoints * 2 + 1);
  CHECK(d["out_of_sample"]["note"] == "3334 of 10001 points drawn (one row in 3); the CSV has them all");
  CHECK(d["parameters"]["series"][0]["x"].size() == report::kChartPoints);
  CHECK(d["parameters"]["y"].size() == report::kChartPoints);
  CHECK(d["parameters"]["note"] == "5000 of 10000 points drawn (one row in 2); the CSV has them all");
  CHECK_FALSE(d.contains("heatmap"));  // one parameter: one chart of the target against it
}
