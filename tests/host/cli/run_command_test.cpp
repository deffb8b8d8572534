#include "run_mosaic.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

using mosaic_test::run_mosaic;
namespace fs = std::filesystem;

TEST_CASE("mosaic run with no arguments runs the bundled pipeline on the sample data") {
  auto r = run_mosaic("run");
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("2216 bars x 10 assets") != std::string::npos);
  for (const char* row : {"technical  1.1.0    ok", "regime     1.1.0    ok", "portfolio  1.0.0    ok",
                          "risk       1.1.0    ok"})
    CHECK_MESSAGE(r.out.find(row) != std::string::npos, row);
  CHECK(r.out.find("backtest of weights.final (2215 periods, 5 bps costs)") != std::string::npos);
  CHECK(r.out.find("signal.technical: 2216 bars x 10 assets") != std::string::npos);
  CHECK(r.out.find("regime.p_high_vol: 2216 bars x 1 assets") != std::string::npos);
  for (const char* ticker : {"BASI", "SPI", "UTIL"}) CHECK(r.out.find(ticker) != std::string::npos);
}

// A fresh process's first calls write their outputs into room the pipeline backed before
// them (host/data/heap_room.hpp): technical faulted 714 pages in without it.
TEST_CASE("mosaic run: the first calls of a fresh process find their output pages already there") {
  auto r = run_mosaic("run --json");
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["modules"].size() == 4);
  for (const auto& mod : j["modules"]) {
    INFO(mod["name"].get<std::string>());
    CHECK(mod["cold_calls"] == 1);
#if !defined(__SANITIZE_ADDRESS__)  // AddressSanitizer's allocator: the room does not reach its blocks
    CHECK(mod["cold_page_faults"].get<int64_t>() < 100);
#endif
  }
}

TEST_CASE("mosaic run --json is machine-readable and carries the per-module figures") {
  auto r = run_mosaic("run --json");
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["data"]["bars"] == 2216);
  CHECK(j["data"]["assets"] == 10);
  CHECK(j["degraded"] == false);
  REQUIRE(j["modules"].size() == 4);
  std::vector<std::string> order;
  for (const auto& mod : j["modules"]) order.push_back(mod["name"]);
  CHECK(order == std::vector<std::string>{"technical", "regime", "portfolio", "risk"});
  for (const auto& mod : j["modules"]) CHECK(mod["status"] == "ok");
  const auto& m = j["modules"][0];
  CHECK(m["name"] == "technical");
  CHECK(m["version"] == "1.1.0");
  CHECK(m["status"] == "ok");
  CHECK(m["calls"] == 1);
  CHECK(m["confidence"].get<double>() == doctest::Approx(1.0));
  CHECK(m["sla"]["max_latency_ms"] == 5.0);
  CHECK(j["signals"]["signal.technical"]["assets"] == 10);
  CHECK(j["metrics"]["weights"] == "weights.final");
  CHECK(j["metrics"]["sharpe"].is_number());
}

TEST_CASE("mosaic run --out writes every port as a wide CSV, and modules.json") {
  auto dir = mosaic_test::temp_folder("out");
  auto r = run_mosaic("run --out " + dir.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const char* port : {"close", "signal.technical", "technical.sma_20", "technical.rsi_14", "technical.macd_12_26_9",
                           "technical.macd_signal_12_26_9", "technical.bb_upper_20_2", "technical.atr_14"})
    CHECK_MESSAGE(fs::exists(dir / "ports" / (std::string(port) + ".csv")), port);
  std::string close = mosaic_test::slurp(dir / "ports" / "close.csv");
  CHECK(close.rfind("ts,BASI,CONG,CONS,FINA,HLTH,INDU,SPI,TECH,TELE,UTIL\n1999-12-30,1000,", 0) == 0);
  CHECK(std::count(close.begin(), close.end(), '\n') == 2217);
  // The sample's missing closes stay missing: empty fields, never zero.
  CHECK(close.find(",,") != std::string::npos);
  std::string sma = mosaic_test::slurp(dir / "ports" / "technical.sma_20.csv");
  CHECK(sma.find("\n1999-12-30,,,,,,,,,,\n") != std::string::npos);  // warm-up is empty (NaN)
  auto modules = nlohmann::json::parse(mosaic_test::slurp(dir / "modules.json"));
  CHECK(modules[0]["name"] == "technical");
  CHECK(fs::exists(dir / "config.toml"));
}

TEST_CASE("exit codes: 2 for usage and config errors") {
  CHECK(run_mosaic("").code == 2);
  CHECK(run_mosaic("frobnicate").code == 2);
  auto bad_flag = run_mosaic("run --no-such-flag");
  CHECK(bad_flag.code == 2);
  CHECK(bad_flag.err.find("no-such-flag") != std::string::npos);

  auto dir = mosaic_test::temp_folder("bad-config");
  mosaic_test::write_file(dir / "c.toml", "[data]\nprices = \"" MOSAIC_DATA_DIR "/spisector.csv\"\nbogus = 1\n");
  auto r = run_mosaic("run --config " + (dir / "c.toml").string());
  CHECK(r.code == 2);
  CHECK(r.err.find("c.toml:3: data.bogus: unknown key") != std::string::npos);

  mosaic_test::write_file(dir / "p.toml", "[data]\nprices = \"" MOSAIC_DATA_DIR
                                          "/spisector.csv\"\n[pipeline]\nmodules = [\"technical\"]\n"
                                          "[modules.technical.params]\nfast = 500\n");
  r = run_mosaic("run --config " + (dir / "p.toml").string());
  CHECK(r.code == 2);
  CHECK(r.err.find("p.toml:6: modules.technical.params.fast: expected an integer in [2, 100], found 500") !=
        std::string::npos);
}

TEST_CASE("exit codes: 4 for data errors, with file and line") {
  auto dir = mosaic_test::temp_folder("bad-data");
  mosaic_test::write_file(dir / "p.csv", "date,ticker,close\n2020-01-02,A,1\n2020-01-01,A,2\n");
  auto r = run_mosaic("run --data " + (dir / "p.csv").string());
  CHECK(r.code == 4);
  CHECK(r.err.find("p.csv:3:") != std::string::npos);
  CHECK(run_mosaic("run --data " + (dir / "missing.csv").string()).code == 4);
}

TEST_CASE("exit codes: 3 for module validation errors") {
  auto empty = mosaic_test::temp_folder("no-plugins");
  auto r = run_mosaic("run --plugins " + empty.string());
  CHECK(r.code == 3);
  CHECK(r.err.find("module 'technical' (pipeline.modules) was not found") != std::string::npos);
  CHECK(run_mosaic("run --plugins /nonexistent/plugins").code == 3);
}

TEST_CASE("arguments a command does not take are usage errors, not silently ignored") {
  auto r = run_mosaic("run my.toml");
  CHECK(r.code == 2);
  CHECK(r.err.find("unexpected argument 'my.toml'; did you mean --config my.toml?") != std::string::npos);
  r = run_mosaic("validate --out /tmp/x");
  CHECK(r.code == 2);
  CHECK(r.err.find("--out does not apply to 'mosaic validate'") != std::string::npos);
  CHECK(run_mosaic("modules bench --repeat 0").code == 2);
  CHECK(r.err.rfind("mosaic validate: mosaic", 0) == std::string::npos);  // one prefix, not two
}

TEST_CASE("--out into a place that cannot be written is a usage error naming the path") {
  auto dir = mosaic_test::temp_folder("out-blocked");
  mosaic_test::write_file(dir / "file", "not a folder");
  auto r = run_mosaic("run --out " + (dir / "file").string());
  CHECK(r.code == 2);
  CHECK(r.err.find("--out " + (dir / "file").string() + ": cannot create the folder") != std::string::npos);
}

TEST_CASE("--data supplies the prices for a config without [data]") {
  auto dir = mosaic_test::temp_folder("no-data-table");
  mosaic_test::write_file(dir / "c.toml", "[pipeline]\nmodules = [\"technical\"]\n");
  auto r = run_mosaic("run --config " + (dir / "c.toml").string());
  CHECK(r.code == 2);
  CHECK(r.err.find("no price file: add [data] prices") != std::string::npos);
  r = run_mosaic("run --json --config " + (dir / "c.toml").string() + " --data " MOSAIC_DATA_DIR "/swx.csv");
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["data"]["assets"] == 6);
}

TEST_CASE("a module that refuses its parameters degrades the run; validate reports it") {
  auto dir = mosaic_test::temp_folder("create-fails");
  mosaic_test::write_file(dir / "c.toml", "[data]\nprices = \"" MOSAIC_DATA_DIR
                                          "/spisector.csv\"\n[pipeline]\nmodules = [\"technical\"]\n"
                                          "[modules.technical.params]\nfast = 60\nslow = 50\n");
  auto r = run_mosaic("run --config " + (dir / "c.toml").string());
  CHECK(r.code == 5);  // the host keeps going and reports it, and a script can tell
  CHECK(r.err.find("the pipeline ran degraded") != std::string::npos);
  CHECK(r.out.find("run degraded:") != std::string::npos);
  CHECK(run_mosaic("run --allow-degraded --config " + (dir / "c.toml").string()).code == 0);
  CHECK(r.out.find("fast (60) must be below slow (50)") != std::string::npos);
  CHECK(r.out.find("c.toml: modules.technical.params") != std::string::npos);
  auto v = run_mosaic("validate --config " + (dir / "c.toml").string());
  CHECK(v.code == 3);
  CHECK(v.out.find("technical 1.1.0: create failed") != std::string::npos);
}

TEST_CASE("a misspelt source in portfolio's signal_weights is an error naming the ports there are") {
  auto dir = mosaic_test::temp_folder("signal-weights");
  const std::string head = "[data]\nprices = \"" MOSAIC_DATA_DIR
                           "/spisector.csv\"\n[pipeline]\nmodules = [\"technical\", \"portfolio\"]\n"
                           "[modules.portfolio.params]\n";
  mosaic_test::write_file(dir / "bad.toml", head + "signal_weights = \"technicl:1\"\n");
  auto r = run_mosaic("run --config " + (dir / "bad.toml").string());
  CHECK(r.code == 2);
  CHECK(r.err.find("bad.toml:6: modules.portfolio.params.signal_weights: 'technicl' names no port of this pipeline "
                   "(looked for signal.technicl); the signal.* ports here: signal.technical") != std::string::npos);
  mosaic_test::write_file(dir / "good.toml", head + "signal_weights = \"technical:1\"\n");
  CHECK(run_mosaic("run --config " + (dir / "good.toml").string()).code == 0);
}

TEST_CASE("validate checks config and plugins without running") {
  auto r = run_mosaic("validate");
  CHECK(r.code == 0);
  CHECK(r.out.find("order: technical -> regime -> portfolio -> risk") != std::string::npos);
  auto empty = mosaic_test::temp_folder("validate-empty");
  r = run_mosaic("validate --json --plugins " + empty.string());
  CHECK(r.code == 3);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["ok"] == false);
  CHECK(j["problems"].size() == 4);  // each of the four configured modules is missing
}

TEST_CASE("modules list, test and bench") {
  auto list = run_mosaic("modules list --json");
  REQUIRE(list.code == 0);
  auto j = nlohmann::json::parse(list.out);
  REQUIRE(j["modules"].size() >= 1);
  const nlohmann::json* technical = nullptr;
  for (const auto& m : j["modules"])
    if (m["name"] == "technical") technical = &m;
  REQUIRE(technical != nullptr);
  bool has_emit = false;
  for (const auto& p : (*technical)["params"]) has_emit = has_emit || p["name"] == "emit";
  CHECK(has_emit);

  auto one = run_mosaic("modules list technical");
  CHECK(one.code == 0);
  CHECK(one.out.find("signal.technical (panel)") != std::string::npos);
  CHECK(run_mosaic("modules list nosuchmodule").code == 3);

  auto test = run_mosaic("modules test");
  CHECK(test.code == 0);
  CHECK(test.out.find("technical  1.1.0    pass") != std::string::npos);

  auto bench = run_mosaic("modules bench --repeat 3 --json");
  REQUIRE(bench.code == 0);
  auto b = nlohmann::json::parse(bench.out);
  CHECK(b[0]["name"] == "technical");
  CHECK(b[0]["runs"] == 3);
  CHECK(b[0]["p50_ms"].get<double>() > 0);
  CHECK(run_mosaic("modules frob").code == 2);
}

TEST_CASE("health reports every module's state") {
  auto r = run_mosaic("health --json");
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["modules"][0]["state"].is_string());
  CHECK(j["state"].is_string());
}

TEST_CASE("the news example runs the sentiment module on the Reuters sample") {
  auto r = run_mosaic("run --json --config " MOSAIC_SOURCE_DIR "/examples/news_sentiment.toml --out " +
                      mosaic_test::temp_folder("news-example").string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["modules"].size() == 1);
  CHECK(j["modules"][0]["name"] == "sentiment");
  CHECK(j["modules"][0]["status"] == "ok");
  CHECK(j["signals"]["signal.sentiment"]["assets"] == 1);
  // The feed's tone is known and non-zero at the end of the quarter (decayed since March 6).
  const double market = j["signals"]["sentiment.market"]["last"]["market"].get<double>();
  CHECK(market != 0.0);
  CHECK(std::fabs(market) < 1.0);
}

TEST_CASE("a broken news file is a data error naming its line") {
  auto dir = mosaic_test::temp_folder("bad-news");
  mosaic_test::write_file(dir / "news.csv", "timestamp,headline\n1987-02-26,fine\nnot-a-date,broken\n");
  mosaic_test::write_file(dir / "c.toml", "[data]\nprices = \"" MOSAIC_DATA_DIR "/ttrc_1987q1.csv\"\nnews = \"news.csv\"\n"
                                          "[pipeline]\nmodules = [\"sentiment\"]\n");
  auto r = run_mosaic("run --config " + (dir / "c.toml").string());
  CHECK(r.code == 4);
  CHECK(r.err.find("news.csv:3:") != std::string::npos);
}
