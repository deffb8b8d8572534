// `mosaic ablate` and `mosaic compare` on the bundled default pipeline, run as a user would.
#include "run_mosaic.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using mosaic_test::run_mosaic;
namespace fs = std::filesystem;

namespace {

const std::string kDefault = std::string(MOSAIC_SOURCE_DIR) + "/examples/default.toml";

void replace(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  text.replace(at, from.size(), to);
}

// The default config, moved to `dir` (so its data path is made absolute) with one edit.
fs::path default_variant(const fs::path& dir, const std::string& from, const std::string& to,
                         const std::string& prices = std::string(MOSAIC_DATA_DIR) + "/spisector.csv") {
  std::string text = mosaic_test::slurp(kDefault);
  replace(text, "\"../data/spisector.csv\"", "\"" + prices + "\"");
  if (!from.empty()) replace(text, from, to);
  const fs::path file = dir / "variant.toml";
  mosaic_test::write_file(file, text);
  return file;
}

}  // namespace

TEST_CASE("mosaic ablate --json measures technical, regime and risk against the full pipeline") {
  const auto dir = mosaic_test::temp_folder("ablate");
  auto r = run_mosaic("ablate --config " + kDefault + " --json --out " + dir.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["optional_modules"] == nlohmann::json({"technical", "regime", "risk"}));
  CHECK(j["required_modules"] == nlohmann::json({"portfolio"}));
  CHECK(j["bootstrap"]["resamples"] == 1000);
  CHECK(j["bootstrap"]["seed"] == 1);
  CHECK(j["bootstrap"]["mean_block_length"] == 13);

  std::map<std::string, nlohmann::json> runs;
  for (const auto& run : j["runs"]) runs[run["run"]] = run;
  REQUIRE(runs.size() == 8);
  CHECK(runs["full"]["change_vs_full"].is_null());
  CHECK(runs["full"]["metrics"]["weights"] == "weights.final");
  CHECK(runs["risk + required"]["enabled_modules"] == nlohmann::json({"portfolio", "risk"}));
  CHECK(runs["without risk"]["metrics"]["weights"] == "weights.target");
  CHECK(runs["required only"]["enabled_modules"] == nlohmann::json({"portfolio"}));
  for (const char* m : {"technical", "regime", "risk"}) {
    for (const auto& run : std::vector<std::string>{std::string("without ") + m, std::string(m) + " + required"}) {
      INFO(run);
      REQUIRE(runs.count(run));
      const auto& v = runs[run];
      CHECK(v["module"] == m);
      CHECK(v["degraded"] == false);
      const auto& sharpe = v["change_vs_full"]["sharpe"];
      REQUIRE(sharpe["change"].is_number());
      CHECK(sharpe["ci_low"].get<double>() <= sharpe["ci_high"].get<double>());
      CHECK(v["change_vs_full"].size() == 10);
      const std::string effect = v["verdict"]["effect"];
      CHECK((effect == "helps" || effect == "hurts" || effect == "no significant effect"));
    }
    CHECK(runs[std::string("without ") + m]["verdict"]["against"] == "full");
    // No default module is cancelled by construction: taking any one out changes the book,
    // so Sharpe moves (by whatever amount; the verdict says whether it matters). Before the
    // risk module's vol target kept the portfolio's exposure, regime's change was exactly 0.
    CHECK(runs[std::string("without ") + m]["change_vs_full"]["sharpe"]["change"].get<double>() != 0.0);
    CHECK(runs[std::string(m) + " + required"]["verdict"]["against"] == "required only");
  }
  for (const char* file : {"config.toml", "ablation.csv", "report.json", "summary.txt", "equity.csv"})
    CHECK_MESSAGE(fs::exists(dir / file), file);
  const std::string equity = mosaic_test::slurp(dir / "equity.csv");
  CHECK(equity.rfind("date,full,without:technical,alone:technical,without:regime,alone:regime,without:risk,"
                     "alone:risk,required_only\n",
                     0) == 0);
  CHECK(mosaic_test::slurp(dir / "ablation.csv").find("without:regime,without,regime,sharpe,") != std::string::npos);
}

TEST_CASE("mosaic ablate prints a table with a verdict per module, the same for the same seed") {
  const auto dir = mosaic_test::temp_folder("ablate-text");
  auto r = run_mosaic("ablate --config " + kDefault + " --seed 5 --out " + dir.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const char* text : {"without technical", "technical + required", "required only", "95% CI of change", "verdict",
                           "optional technical, regime, risk", "required portfolio", "seed 5"})
    CHECK_MESSAGE(r.out.find(text) != std::string::npos, text);
  CHECK(r.out.find(mosaic_test::slurp(dir / "summary.txt")) == 0);
  const auto again = run_mosaic("ablate --config " + kDefault + " --seed 5 --out " + dir.string() + "/again");
  CHECK(mosaic_test::slurp(dir / "summary.txt") == mosaic_test::slurp(dir / "again" / "summary.txt"));
}

TEST_CASE("mosaic ablate reports a failing module's runs as degraded instead of dropping them") {
  // thrower fails on every call; toy_weights makes weights.target from the closes alone.
  // Each run switches its modules on afresh, so no quarantine carries from one to the next.
  const auto dir = mosaic_test::temp_folder("ablate-degraded");
  fs::create_directories(dir / "plugins");
  for (const char* lib : {"thrower.so", "toy_weights.so"})
    fs::copy_file(fs::path(MOSAIC_TEST_PLUGIN_DIR) / lib, dir / "plugins" / lib);
  mosaic_test::write_file(dir / "c.toml", "[data]\nprices = \"" MOSAIC_DATA_DIR "/spisector.csv\"\n"
                                          "[pipeline]\nmodules = [\"thrower\", \"toy_weights\"]\n"
                                          "plugins = \"plugins\"\nquarantine_after = 1\n");
  auto r = run_mosaic("ablate --config c.toml --json --out out", dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["optional_modules"] == nlohmann::json({"thrower"}));
  std::map<std::string, nlohmann::json> runs;
  for (const auto& run : j["runs"]) runs[run["run"]] = run;
  REQUIRE(runs.size() == 4);
  CHECK(runs["full"]["degraded"] == true);
  CHECK(runs["full"]["not_run"] == nlohmann::json({"thrower (failed)"}));
  CHECK(runs["thrower + required"]["not_run"] == nlohmann::json({"thrower (failed)"}));
  CHECK(runs["thrower + required"]["degraded"] == true);
  CHECK(runs["without thrower"]["degraded"] == false);
  // The failing module changes nothing the backtest sees.
  CHECK(runs["without thrower"]["change_vs_full"]["sharpe"]["change"] == 0.0);
  CHECK(runs["without thrower"]["verdict"]["effect"] == "no significant effect");
  const std::string summary = mosaic_test::slurp(dir / "out" / "summary.txt");
  CHECK(summary.find("full: degraded: thrower: failed") != std::string::npos);
  CHECK(summary.find("thrower + required (degraded)") != std::string::npos);
}

TEST_CASE("mosaic compare of a config with itself finds no difference") {
  const auto dir = mosaic_test::temp_folder("compare-same");
  auto r = run_mosaic("compare " + kDefault + " " + kDefault + " --json --out " + dir.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  const auto& s = j["sharpe_difference"];
  CHECK(s["identical"] == true);
  CHECK(s["difference_per_period"] == 0.0);
  CHECK(s["correlation"] == 1.0);
  CHECK(s["jobson_korkie_memmel"].is_null());
  CHECK(s["bootstrap"]["p_value"] == 1.0);
  CHECK(j["common_bars"]["bars"] == 2216);
  CHECK(j["common_bars"]["same_calendar"] == true);
  CHECK(j["metrics"]["sharpe"]["b_minus_a"] == 0.0);
  for (const char* file : {"a.toml", "b.toml", "report.json", "summary.txt", "equity.csv"})
    CHECK_MESSAGE(fs::exists(dir / file), file);
}

TEST_CASE("mosaic compare of two different configs runs both tests") {
  const auto dir = mosaic_test::temp_folder("compare-variant");
  const fs::path b = default_variant(dir, "vol_target = 0.10", "vol_target = 0.15");
  auto r = run_mosaic("compare " + kDefault + " " + b.string() + " --out " + (dir / "run").string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const char* text : {"B - A", "Jobson-Korkie-Memmel", "stationary bootstrap", "correlation of the returns",
                           "verdict:", "compared on 2216 common bars (2215 periods)"})
    CHECK_MESSAGE(r.out.find(text) != std::string::npos, text);
  const auto j = nlohmann::json::parse(mosaic_test::slurp(dir / "run" / "report.json"));
  const auto& s = j["sharpe_difference"];
  CHECK(s["identical"] == false);
  CHECK(s["jobson_korkie_memmel"]["p_value"].is_number());
  CHECK(s["bootstrap"]["p_value"].is_number());
  CHECK(s["correlation"].get<double>() < 1.0);
  CHECK(s["correlation"].get<double>() > 0.5);
  CHECK(mosaic_test::slurp(dir / "run" / "equity.csv").rfind("date,a,b\n", 0) == 0);
}

TEST_CASE("mosaic compare on different calendars uses the common bars and says so") {
  const auto dir = mosaic_test::temp_folder("compare-calendar");
  // The first 800 dates of the sample (10 tickers a date, after the header).
  std::ifstream in(std::string(MOSAIC_DATA_DIR) + "/spisector.csv");
  std::ofstream part(dir / "part.csv");
  std::string line;
  for (int i = 0; i < 1 + 800 * 10 && std::getline(in, line); ++i) part << line << "\n";
  part.close();
  const fs::path b = default_variant(dir, "", "", (dir / "part.csv").string());
  auto r = run_mosaic("compare " + kDefault + " " + b.string() + " --json --out " + (dir / "run").string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["common_bars"]["bars"] == 800);
  CHECK(j["common_bars"]["same_calendar"] == false);
  CHECK(j["notes"][0].get<std::string>().find("the calendars differ") != std::string::npos);
}

TEST_CASE("mosaic compare refuses configs without a bar in common, naming both") {
  const auto dir = mosaic_test::temp_folder("compare-disjoint");
  const fs::path b = default_variant(dir, "", "", std::string(MOSAIC_DATA_DIR) + "/ttrc_1987q1.csv");
  auto r = run_mosaic("compare " + kDefault + " " + b.string() + " --out " + (dir / "run").string());
  CHECK(r.code == 4);
  CHECK(r.err.find("no bars in common") != std::string::npos);
  CHECK(r.err.find("default.toml") != std::string::npos);
  CHECK(r.err.find("variant.toml") != std::string::npos);
}

TEST_CASE("mosaic ablate and compare reject bad arguments with exit 2") {
  for (const std::string& args : std::vector<std::string>{
           "compare", "compare " + kDefault, "compare " + kDefault + " " + kDefault + " " + kDefault,
           "compare --config " + kDefault + " " + kDefault, "ablate " + kDefault, "ablate --repeat 3",
           "ablate --seed -1", "ablate --seed x", "compare " + kDefault + " " + kDefault + " --seed 1.5"}) {
    INFO(args);
    const auto r = run_mosaic(args);
    CHECK(r.code == 2);
    CHECK_FALSE(r.err.empty());
  }
  const auto r = run_mosaic("compare " + kDefault);
  CHECK(r.err.find("expected two configs, got 1") != std::string::npos);
}
