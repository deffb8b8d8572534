// Scheduled re-optimization in a real `mosaic serve` on a fast replay: a planted winner is
// promoted; each gate rule rejects on its own; a shadow period promotes or rejects; a stop
// in the middle of a search leaves no half-applied config. The prices are made here, so the
// winner of every search is known in advance: toy_bet's long bet on rising prices.
#include "support/plugin_fixture.hpp"
#include "support/serve_process.hpp"
#include "support/slurp.hpp"
#include "support/synthetic_prices.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <chrono>
#include <fstream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using mosaic_test::ServeProcess;
using nlohmann::json;

namespace {

constexpr size_t kBars = 700;

// Two assets, daily from 2001-01-01: each bar moves by `drift` (`late_drift` from bar
// `turn` on) plus noise of `vol`.
std::string prices(double drift, double vol, size_t turn = kBars, double late_drift = 0) {
  mosaic_test::Lcg rng(7);
  std::string csv = "date,A,B\n";
  double a = 100, b = 100;
  const std::chrono::sys_days first = std::chrono::year{2001} / 1 / 1;
  for (size_t t = 0; t < kBars; ++t) {
    if (t > 0) {
      const double d = t >= turn ? late_drift : drift;
      a *= 1 + d + vol * rng.normal();
      b *= 1 + d + vol * rng.normal();
    }
    const std::chrono::year_month_day ymd{first + std::chrono::days{static_cast<int>(t)}};
    csv += fmt::format("{:04}-{:02}-{:02},{:.6f},{:.6f}\n", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), a, b);
  }
  return csv;
}

struct Scenario {
  int live_bet = 0;
  std::string gate;    // the [serve.reoptimize.gate] lines
  std::string search = "method = \"grid\"\n";
  std::string data;    // prices()
};

struct ReoptimizeSetup {
  mosaic_test::TempDir dir{"reoptimize"};
  fs::path plugins = dir / "plugins";
  fs::path config, data;
  explicit ReoptimizeSetup(const Scenario& s) {
    mosaic_test::copy_test_plugins(plugins, {"toy_bet", std::string(MOSAIC_PLUGIN_DIR) + "/technical.so",
                                             std::string(MOSAIC_PLUGIN_DIR) + "/portfolio.so"});
    fs::permissions(plugins, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                 fs::perms::others_read | fs::perms::others_exec);
    data = dir.write("prices.csv", s.data);
    config = dir.write("live.toml", fmt::format("[pipeline]\nmodules = [\"toy_bet\"]\n"
                                                "[modules.toy_bet.params]\nbet = {}\n"
                                                "[optimize]\ntarget = \"total_return\"\n"
                                                "[serve.reoptimize]\nevery = 50\nwindow = 300\nholdout = 100\n{}"
                                                "[serve.reoptimize.gate]\n{}",
                                                s.live_bet, s.search, s.gate));
  }
  std::vector<std::string> args(double speed = 50) const {
    return {"--config", config.string(), "--plugins", plugins.string(), "--feed", "replay:" + data.string(),
            "--speed", fmt::format("{}", speed), "--warmup", "400", "--port", "0", "--runs", (dir / "runs").string()};
  }
};

// Occasion 1 once it is decided (not running, not shadowing).
json first_decision(ServeProcess& p, std::chrono::seconds limit = 20s) {
  json occasion;
  mosaic_test::wait_for(
      [&] {
        const json list = p.get_json("/config")["reoptimizations"];
        if (list.empty()) return false;
        occasion = list.front();
        return occasion["status"] != "running" && occasion["status"] != "shadowing";
      },
      limit);
  return occasion;
}

int live_bet(ServeProcess& p) {
  const json doc = p.get_json("/modules");  // named: a loop over a temporary's member would dangle
  for (const auto& m : doc["modules"])
    if (m["name"] == "toy_bet") return m["params"]["bet"].get<int>();
  return -99;
}

bool any_reason_starts(const json& occasion, const std::string& prefix) {
  for (const auto& r : occasion["reasons"])
    if (r.get<std::string>().rfind(prefix, 0) == 0) return true;
  return false;
}

const std::string kRising = prices(0.002, 0.004);
const std::string kPermissive = "margin = 0.01\nmin_dsr = 0.0\nmax_pbo = 1.0\n";

}  // namespace

TEST_CASE("reoptimize: a clearly better configuration is promoted, with its run folder") {
  ReoptimizeSetup s({.live_bet = 0, .gate = kPermissive, .data = kRising});
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  const std::string start_sha = p.get_json("/config")["sha256"];
  const json o = first_decision(p);
  INFO(o.dump(2) << "\n" << p.stderr_text());
  REQUIRE(o["status"] == "promoted");
  CHECK(o["figures"]["target"] == "total_return");
  CHECK(o["figures"]["candidate_holdout"].get<double>() > 0.05);
  CHECK(o["figures"]["live_holdout"].get<double>() == doctest::Approx(0.0));
  CHECK(o["window"].get<std::string>().find("300 bars, the last 100 held out") != std::string::npos);
  CHECK(live_bet(p) == 1);
  const json config = p.get_json("/config");
  CHECK(config["sha256"] != start_sha);
  CHECK(config["source"] == "reoptimize occasion 1");
  CHECK(config["sha256"] == o["candidate_sha256"]);

  const fs::path run = o["run_dir"].get<std::string>();
  CHECK(fs::exists(run / "results.csv"));
  CHECK(fs::exists(run / "candidate.toml"));
  CHECK(json::parse(mosaic_test::slurp(run / "occasion.json"))["status"] == "promoted");
  const std::string metrics = p.client().Get("/metrics")->body;
  CHECK(metrics.find("mosaic_reoptimize_occasions_total{result=\"promoted\"} 1") != std::string::npos);
  CHECK(p.get_json("/health")["failed_bars"] == 0);
  CHECK(p.stop() == 0);
}

TEST_CASE("reoptimize: each gate rule rejects on its own, and the live config serves on") {
  struct Case {
    const char* rule;
    Scenario scenario;
    const char* reason;
  };
  const Case cases[] = {
      {"margin", {.live_bet = 0, .gate = "margin = 1000\nmin_dsr = 0.0\nmax_pbo = 1.0\n", .data = kRising}, "holdout:"},
      {"DSR floor", {.live_bet = 0, .gate = "margin = -1000\nmin_dsr = 1.0\nmax_pbo = 1.0\n", .data = kRising}, "DSR:"},
      // On prices without a drift, the in-sample best bet is no guide out of sample.
      {"PBO ceiling",
       {.live_bet = 0, .gate = "margin = -1000\nmin_dsr = 0.0\nmax_pbo = 0.0\n", .data = prices(0.0, 0.01)},
       "PBO:"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.rule);
    ReoptimizeSetup s(c.scenario);
    ServeProcess p(s.args(), s.dir / "stderr.txt");
    REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
    const std::string start_sha = p.get_json("/config")["sha256"];
    const json o = first_decision(p);
    INFO(o.dump(2));
    CHECK(o["status"] == "rejected");
    CHECK(o["reasons"].size() == 1);  // the rule under test alone
    CHECK(any_reason_starts(o, c.reason));
    CHECK(p.get_json("/config")["sha256"] == start_sha);
    CHECK(live_bet(p) == 0);
    CHECK(json::parse(mosaic_test::slurp(fs::path(o["run_dir"].get<std::string>()) / "occasion.json"))["status"] ==
          "rejected");
    CHECK(p.client().Get("/metrics")->body.find("mosaic_reoptimize_consecutive_rejections 1") != std::string::npos);
    CHECK(p.stop() == 0);
  }
}

TEST_CASE("reoptimize: a shadow period promotes a candidate that holds up, and rejects one that turns worse") {
  const std::string gate = kPermissive + "shadow_bars = 40\n";
  SUBCASE("the prices keep rising: promoted after the shadow") {
    ReoptimizeSetup s({.live_bet = -1, .gate = gate, .data = kRising});
    ServeProcess p(s.args(), s.dir / "stderr.txt");
    REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
    const json o = first_decision(p);
    INFO(o.dump(2) << "\n" << p.stderr_text());
    REQUIRE(o["status"] == "promoted");
    CHECK(o["shadow"]["bars"] == 40);
    CHECK(o["shadow"]["rejected"] == false);
    CHECK(live_bet(p) == 1);
    CHECK(p.get_json("/config")["source"] == "reoptimize occasion 1 after 40 shadow bars");
    CHECK(fs::exists(fs::path(o["run_dir"].get<std::string>()) / "shadow.csv"));
  }
  SUBCASE("the prices turn down after the window: rejected by the shadow's tests") {
    ReoptimizeSetup s({.live_bet = -1, .gate = gate, .data = prices(0.002, 0.004, 455, -0.004)});
    ServeProcess p(s.args(), s.dir / "stderr.txt");
    REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
    const std::string start_sha = p.get_json("/config")["sha256"];
    const json o = first_decision(p);
    INFO(o.dump(2) << "\n" << p.stderr_text());
    REQUIRE(o["status"] == "rejected");
    CHECK(o["shadow"]["rejected"] == true);
    CHECK(any_reason_starts(o, "shadow: "));
    CHECK(live_bet(p) == -1);
    CHECK(p.get_json("/config")["sha256"] == start_sha);
  }
}

TEST_CASE("reoptimize: serve stopped in the middle of a search leaves the live config whole") {
  // A search that would run for a minute: the real modules, a time budget.
  Scenario slow{.live_bet = 0, .gate = kPermissive, .search = "method = \"random\"\nbudget = \"60s\"\n", .data = kRising};
  ReoptimizeSetup s(slow);
  const std::string config = mosaic_test::slurp(s.config);
  s.dir.write("live.toml", "[pipeline]\nmodules = [\"technical\", \"portfolio\"]\n" +
                               config.substr(config.find("[optimize]")));
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  REQUIRE(mosaic_test::wait_for([&] { return p.get_json("/health")["reoptimize"]["running"] == true; }, 10s) >= 0);
  const auto stopping = std::chrono::steady_clock::now();
  CHECK(p.stop() == 0);
  CHECK(std::chrono::steady_clock::now() - stopping < 10s);
  std::vector<fs::path> runs;
  for (const auto& e : fs::directory_iterator(s.dir / "runs")) runs.push_back(e.path());
  REQUIRE(runs.size() == 1);
  const json o = json::parse(mosaic_test::slurp(runs.front() / "occasion.json"));
  CHECK(o["status"] == "stopped");
  CHECK(o["reasons"][0].get<std::string>().find("no config was applied") != std::string::npos);
  CHECK_FALSE(fs::exists(runs.front() / "candidate.toml"));
  CHECK(p.stderr_text().find("is live") == std::string::npos);  // nothing was deployed
}
