// `mosaic run` with a pipeline that produces weights: the backtest's metrics on the
// terminal and in JSON, and the run folder's files.
#include "run_mosaic.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using mosaic_test::run_mosaic;
namespace fs = std::filesystem;

namespace {

// A plugin folder with the technical module and the test-only toy_weights portfolio, and
// a config that runs both with 10 bps costs.
fs::path setup(const std::string& name) {
  return mosaic_test::technical_and_toy_weights(name, "[backtest]\ncost_bps = 10\n");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("run: the backtest's metrics are printed and written with the run folder") {
  auto dir = setup("backtest-run");
  auto r = run_mosaic("run --config c.toml", dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("backtest of weights.target (2215 periods, 10 bps costs)") != std::string::npos);
  for (const char* row : {"total return", "CAGR", "Sharpe", "Sortino", "max drawdown", "Calmar", "turnover", "hit rate",
                          "exposure"})
    CHECK_MESSAGE(r.out.find(row) != std::string::npos, row);

  // The run folder: runs/<time>-run/ under the working directory.
  REQUIRE(fs::is_directory(dir / "runs"));
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(dir / "runs")) folders.push_back(e.path());
  REQUIRE(folders.size() == 1);
  const fs::path run = folders[0];
  CHECK(run.filename().string().size() == std::string("20261124-051500-run").size());
  for (const char* f : {"equity.csv", "weights.csv", "metrics.json", "modules.json", "config.toml"})
    CHECK_MESSAGE(fs::exists(run / f), f);
  CHECK_FALSE(fs::exists(run / "ports"));  // only with --out

  auto equity = lines(mosaic_test::slurp(run / "equity.csv"));
  REQUIRE(equity.size() == 2217);
  CHECK(equity[0] == "date,equity,drawdown");
  CHECK(equity[1] == "1999-12-30,1,0");
  auto metrics = nlohmann::json::parse(mosaic_test::slurp(run / "metrics.json"));
  const double last_equity = std::stod(equity.back().substr(11, equity.back().find(',', 11) - 11));
  CHECK(metrics["total_return"].get<double>() == doctest::Approx(last_equity - 1).epsilon(1e-12));
  CHECK(metrics["weights"] == "weights.target");
  CHECK(metrics["settings"]["cost_bps"] == 10.0);
  CHECK(metrics["periods"] == 2215);
  auto weights = lines(mosaic_test::slurp(run / "weights.csv"));
  CHECK(weights[0] == "date,BASI,CONG,CONS,FINA,HLTH,INDU,SPI,TECH,TELE,UTIL");
  CHECK(weights.size() == 2217);
  CHECK(mosaic_test::slurp(run / "config.toml") == mosaic_test::slurp(dir / "c.toml"));

  // A second run gets its own folder.
  REQUIRE(run_mosaic("run --config c.toml", dir).code == 0);
  size_t count = 0;
  for (const auto& e : fs::directory_iterator(dir / "runs")) count += e.is_directory();
  CHECK(count == 2);
}

TEST_CASE("run --out --json: metrics in JSON, the same files plus ports/") {
  auto dir = setup("backtest-out");
  auto r = run_mosaic("run --json --config c.toml --out result", dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["metrics"]["weights"] == "weights.target");
  CHECK(j["metrics"]["sharpe"].is_number());
  CHECK(j["run_folder"] == "result");
  for (const char* f : {"equity.csv", "weights.csv", "metrics.json", "modules.json", "config.toml",
                        "ports/weights.target.csv", "ports/close.csv"})
    CHECK_MESSAGE(fs::exists(dir / "result" / f), f);
  CHECK_FALSE(fs::exists(dir / "runs"));
}

TEST_CASE("run: a pipeline without weights says there is nothing to backtest") {
  auto dir = mosaic_test::temp_folder("no-weights");
  mosaic_test::write_file(dir / "c.toml", "[data]\nprices = \"" MOSAIC_DATA_DIR "/spisector.csv\"\n"
                                          "[pipeline]\nmodules = [\"technical\"]\n");
  auto r = run_mosaic("run --config c.toml", dir);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("no weights.final or weights.target port: nothing to backtest") != std::string::npos);
}
