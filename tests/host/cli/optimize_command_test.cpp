#include "run_mosaic.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

using mosaic_test::run_mosaic;
using mosaic_test::slurp;
using mosaic_test::temp_folder;
using mosaic_test::write_file;
namespace fs = std::filesystem;

namespace {

// The default pipeline with a small space: fast x slow x the risk module's switch.
fs::path small_space_config(const fs::path& dir, const std::string& optimize) {
  const fs::path file = dir / "opt.toml";
  write_file(file, "[data]\nprices = \"" + std::string(MOSAIC_DATA_DIR) +
                       "/spisector.csv\"\n"
                       "[pipeline]\nmodules = [\"technical\", \"regime\", \"portfolio\", \"risk\"]\n"
                       "[modules.technical.params]\nfast = 20\nslow = 100\n"
                       "[backtest]\ncost_bps = 5.0\n" +
                       optimize +
                       "[optimize.space.technical]\nenabled = true\nsearch = [\"fast\", \"slow\"]\n"
                       "fast = { min = 10, max = 30, step = 10 }\nslow = { min = 60, max = 120, step = 60 }\n"
                       "[optimize.space.regime]\nenabled = true\nsearch = [\"refit_every\"]\nrefit_every = 63\n"
                       "[optimize.space.portfolio]\nsearch = [\"rebalance\"]\nrebalance = 5\n"
                       "[optimize.space.risk]\nsearch = [\"vol_target\"]\nvol_target = 0.1\n");
  return file;
}

}  // namespace

TEST_CASE("mosaic optimize --dry-run prints the space and its size") {
  const fs::path dir = temp_folder("optimize-dry");
  auto r = run_mosaic("optimize --dry-run --config " + small_space_config(dir, "").string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("technical.fast  int 10..30 step 10") != std::string::npos);
  CHECK(r.out.find("risk            on/off") != std::string::npos);
  CHECK(r.out.find("size: 12") != std::string::npos);
  CHECK(r.out.find("fold 1: train 1551 bars") != std::string::npos);
  CHECK(!fs::exists(dir / "runs"));
}

TEST_CASE("mosaic optimize writes results, a runnable best.toml, a report and a summary") {
  const fs::path dir = temp_folder("optimize-grid");
  const fs::path config = small_space_config(dir, "[optimize]\nmethod = \"grid\"\nthreads = 2\n");
  auto r = run_mosaic("optimize --json --config " + config.string() + " --out " + (dir / "out").string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["folds"].size() == 1);
  const auto& fold = j["folds"][0];
  // 3 fast x 2 slow x risk on/off: 12 configurations, each evaluated once.
  CHECK(fold["evaluated"] == 12);
  CHECK(fold["stop_reason"] == "space exhausted");
  // Distinct strategies only: at most 12, and as many as the search found.
  REQUIRE(fold["leaders"].size() == std::min<size_t>(10, fold["strategies"].get<size_t>()));
  CHECK(fold["leaders"][0]["in_sample"]["sharpe"].is_number());
  CHECK(fold["leaders"][0]["out_of_sample"]["sharpe"].is_number());
  CHECK(fold["deflated_sharpe"]["trials"] == 12);
  CHECK(fold["strategies"] == fold["deflated_sharpe"]["strategies"]);
  CHECK(fold["pbo"]["strategies"] == fold["strategies"]);
  CHECK(fold["leaders"][0]["strategy"].is_number());
  for (const char* f : {"results.csv", "best.toml", "report.json", "summary.txt", "config.toml", "equity.csv"})
    CHECK_MESSAGE(fs::exists(dir / "out" / f), f);
  const std::string results = slurp(dir / "out" / "results.csv");
  CHECK(std::count(results.begin(), results.end(), '\n') == 13);
  CHECK(results.rfind("fold,trial,status,strategy,problem,technical.fast,technical.slow,risk,total_return", 0) == 0);

  // best.toml runs as it is, from another folder, and reproduces the winner's parameters.
  auto best = run_mosaic("run --json --config " + (dir / "out" / "best.toml").string(), dir);
  INFO(best.err);
  REQUIRE(best.code == 0);
  const auto& winner = fold["leaders"][0]["parameters"];
  const auto bj = nlohmann::json::parse(best.out);
  CHECK(bj["degraded"] == false);
  const std::string text = slurp(dir / "out" / "best.toml");
  CHECK(text.find("fast = " + std::to_string(winner["technical.fast"].get<int>())) != std::string::npos);
}

TEST_CASE("mosaic optimize is deterministic for a seed and thread count") {
  const fs::path dir = temp_folder("optimize-seed");
  const fs::path config = small_space_config(dir, "[optimize]\nmethod = \"genetic\"\nbudget = 8\nthreads = 2\n");
  auto a = run_mosaic("optimize --json --seed 5 --config " + config.string() + " --out " + (dir / "a").string());
  auto b = run_mosaic("optimize --json --seed 5 --config " + config.string() + " --out " + (dir / "b").string());
  REQUIRE(a.code == 0);
  REQUIRE(b.code == 0);
  CHECK(slurp(dir / "a" / "results.csv") == slurp(dir / "b" / "results.csv"));
}

TEST_CASE("mosaic optimize walk-forward reports every fold") {
  const fs::path dir = temp_folder("optimize-wf");
  const fs::path config = small_space_config(dir, "[optimize]\nmethod = \"random\"\nbudget = 12\n");
  auto r = run_mosaic("optimize --json --walk-forward 2 --config " + config.string() + " --out " + (dir / "o").string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["folds"].size() == 2);
  CHECK(j["folds"][0]["train_bars"] == 738);
  CHECK(j["folds"][1]["train_bars"] == 1477);
  CHECK(j["folds"][1]["test_bars"] == 739);
}

TEST_CASE("mosaic optimize refuses bad settings with exit code 2") {
  const fs::path dir = temp_folder("optimize-bad");
  const fs::path config = small_space_config(dir, "[optimize]\nconstraints = [\"sharp < 1\"]\n");
  auto r = run_mosaic("optimize --config " + config.string());
  CHECK(r.code == 2);
  CHECK(r.err.find("opt.toml:11: optimize.constraints[0]: constraint \"sharp < 1\"") != std::string::npos);
  CHECK(run_mosaic("optimize --method annealing --config " + config.string()).code == 2);
  CHECK(run_mosaic("optimize --budget soon --config " + config.string()).code == 2);
  auto nsga = run_mosaic("optimize --method nsga2 --target sharpe --config " + small_space_config(dir, "").string());
  CHECK(nsga.code == 2);
  CHECK(nsga.err.find("nsga2 optimizes two metrics") != std::string::npos);
  auto grid = run_mosaic("optimize --budget 5 --config " + small_space_config(dir, "").string());
  CHECK(grid.code == 2);
  // technical's contract declares fast < slow, so the budget is held against the pairs that keep it.
  CHECK(grid.err.find("grid: the space has more than 5 configurations that meet the constraints (of 12 in all)") !=
        std::string::npos);
}
