#include "host/config/config.hpp"

#include <doctest/doctest.h>

#include <string>

using mosaic::host::ConfigError;
using mosaic::host::parse_config;

namespace {

// Parses and returns the error text, or "" when the config is accepted.
std::string error_of(const std::string& text) {
  try {
    parse_config(text, "/cfg/pipeline.toml");
    return {};
  } catch (const ConfigError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("a full config reads back, with paths relative to the config file") {
  auto c = parse_config(R"(
[data]
prices = "../data/prices.csv"
[pipeline]
modules = ["technical", "risk"]
plugins = "plugins"
quarantine_after = 5
[modules.technical]
enabled = false
[modules.technical.params]
fast = 12
[modules.technical.sla]
max_latency_ms = 2.5
min_confidence = 1
)",
                        "/cfg/sub/pipeline.toml");
  CHECK(c.prices == "/cfg/data/prices.csv");
  REQUIRE(c.plugins);
  CHECK(*c.plugins == "/cfg/sub/plugins");
  CHECK(c.modules == std::vector<std::string>{"technical", "risk"});
  CHECK(c.quarantine_after == 5);
  const auto& t = c.module("technical");
  CHECK_FALSE(t.enabled);
  REQUIRE(t.params);
  CHECK((*t.params)["fast"].value<int64_t>() == 12);
  CHECK(*t.max_latency_ms == 2.5);
  CHECK(*t.min_confidence == 1.0);
  CHECK(c.module("risk").enabled);  // not configured: defaults
  CHECK(c.text.find("quarantine_after = 5") != std::string::npos);
}

TEST_CASE("an unknown key names the file, line and key, and lists what is allowed") {
  std::string e = error_of("[data]\nprices = \"p.csv\"\n[pipeline]\nmodules = []\nmodulez = 1\n");
  CHECK(e == "/cfg/pipeline.toml:5: pipeline.modulez: unknown key; expected one of: modules, plugins, quarantine_after");
  CHECK(error_of("[data]\nprices = \"p.csv\"\n[backtest]\ncosts = 1\n") ==
        "/cfg/pipeline.toml:4: backtest.costs: unknown key; expected one of: cost_bps, delay, fill, periods_per_year, "
        "risk_free_rate, slippage_bps");
  CHECK(error_of("[data]\nprices = \"p.csv\"\nextra = 1\n").find(":3: data.extra: unknown key") != std::string::npos);
  CHECK(error_of("[data]\nprices = \"p.csv\"\n[backtset]\n").find(":3: backtset: unknown key") != std::string::npos);
}

TEST_CASE("wrong types say what was expected") {
  CHECK(error_of("[data]\nprices = 3\n") == "/cfg/pipeline.toml:2: data.prices: expected a string, found an integer");
  CHECK(error_of("[data]\nprices = \"p\"\n[pipeline]\nmodules = \"technical\"\n") ==
        "/cfg/pipeline.toml:4: pipeline.modules: expected an array of module names");
  CHECK(error_of("[data]\nprices = \"p\"\n[pipeline]\nmodules = [\"a\"]\n[modules.a]\nenabled = \"yes\"\n") ==
        "/cfg/pipeline.toml:6: modules.a.enabled: expected true or false");
  CHECK(error_of("[data]\nprices = \"p\"\n[pipeline]\nmodules = [\"a\"]\n[modules.a]\nparams = 3\n")
            .find("modules.a.params: expected a table, found an integer") != std::string::npos);
}

TEST_CASE("out-of-range values are refused with the allowed range") {
  CHECK(error_of("[data]\nprices = \"p\"\n[pipeline]\nquarantine_after = 0\n") ==
        "/cfg/pipeline.toml:4: pipeline.quarantine_after: expected an integer >= 1");
  CHECK(error_of("[data]\nprices = \"p\"\n[pipeline]\nmodules = [\"a\"]\n[modules.a.sla]\nmin_confidence = 1.5\n") ==
        "/cfg/pipeline.toml:6: modules.a.sla.min_confidence: expected a number in [0, 1]");
  CHECK(error_of("[data]\nprices = \"p\"\n[pipeline]\nmodules = [\"a\"]\n[modules.a.sla]\nmax_latency_ms = -1\n")
            .find("modules.a.sla.max_latency_ms: expected a number >= 0") != std::string::npos);
}

TEST_CASE("backtest settings read back and are range-checked") {
  auto c = parse_config("[backtest]\ncost_bps = 5\nrisk_free_rate = 0.02\nperiods_per_year = 52\n", "/cfg/p.toml");
  CHECK(c.backtest.cost_bps == 5.0);
  CHECK(c.backtest.risk_free_rate == 0.02);
  CHECK(c.backtest.periods_per_year == 52.0);
  CHECK(parse_config("", "/cfg/p.toml").backtest.periods_per_year == 252.0);
  CHECK(error_of("[backtest]\ncost_bps = -1\n") ==
        "/cfg/pipeline.toml:2: backtest.cost_bps: expected a number of basis points in [0, 10000]");
  CHECK(error_of("[backtest]\nperiods_per_year = 0\n") ==
        "/cfg/pipeline.toml:2: backtest.periods_per_year: expected a number of bars per year > 0, e.g. 252");
  CHECK(error_of("[backtest]\nrisk_free_rate = \"2%\"\n") ==
        "/cfg/pipeline.toml:2: backtest.risk_free_rate: expected a number, found a string");
}

TEST_CASE("backtest timing and slippage: defaults, values, and what is refused") {
  const auto defaults = parse_config("", "/cfg/p.toml");
  CHECK(defaults.backtest.delay == 0);
  CHECK(defaults.backtest.fill == mosaic::host::Fill::Close);
  CHECK(defaults.backtest.slippage_bps == 0.0);
  CHECK(defaults.backtest_fill_line == 0);
  const auto c = parse_config("[backtest]\ncost_bps = 1\nslippage_bps = 2.5\ndelay = 3\nfill = \"next_open\"\n",
                              "/cfg/p.toml");
  CHECK(c.backtest.cost_bps == 1.0);
  CHECK(c.backtest.slippage_bps == 2.5);
  CHECK(c.backtest.delay == 3);
  CHECK(c.backtest.fill == mosaic::host::Fill::NextOpen);
  CHECK(c.backtest_fill_line == 5);
  CHECK(parse_config("[backtest]\nfill = \"close\"\ndelay = 1000\n", "/cfg/p.toml").backtest.delay == 1000);
  const std::string delay_range =
      "backtest.delay: expected a whole number of bars in [0, 1000] from a decision to its fill, e.g. 1";
  CHECK(error_of("[backtest]\ndelay = -1\n") == "/cfg/pipeline.toml:2: " + delay_range);
  CHECK(error_of("[backtest]\ndelay = 1001\n") == "/cfg/pipeline.toml:2: " + delay_range);
  CHECK(error_of("[backtest]\ndelay = 1.5\n") == "/cfg/pipeline.toml:2: " + delay_range);
  CHECK(error_of("[backtest]\n\nfill = \"open\"\n") ==
        "/cfg/pipeline.toml:3: backtest.fill: expected \"close\" or \"next_open\"");
  CHECK(error_of("[backtest]\nfill = 1\n") ==
        "/cfg/pipeline.toml:2: backtest.fill: expected \"close\" or \"next_open\"");
  CHECK(error_of("[backtest]\nslippage_bps = -0.5\n") ==
        "/cfg/pipeline.toml:2: backtest.slippage_bps: expected a number of basis points in [0, 10000]");
}

TEST_CASE("structural mistakes") {
  CHECK(parse_config("[pipeline]\nmodules = []\n", "/cfg/p.toml").prices.empty());  // --data supplies it
  CHECK(error_of("[data]\n").find("data.prices: missing") != std::string::npos);
  CHECK(error_of("[data]\nprices = \"p\"\n[pipeline]\nmodules = [\"a\", \"a\"]\n") ==
        "/cfg/pipeline.toml:4: pipeline.modules: 'a' is listed twice");
  CHECK(error_of("[data]\nprices = \"p\"\n[pipeline]\nmodules = [\"a\"]\n[modules.b]\nenabled = true\n") ==
        "/cfg/pipeline.toml:5: modules.b: 'b' is not listed in pipeline.modules");
}

TEST_CASE("without pipeline.modules every module runs, so any module may be configured") {
  auto c = parse_config("[data]\nprices = \"p.csv\"\n[modules.technical.params]\nfast = 3\n", "/cfg/p.toml");
  CHECK(c.modules.empty());
  REQUIRE(c.module("technical").params);
}

TEST_CASE("TOML syntax errors carry the line") {
  std::string e = error_of("[data]\nprices = \"p\"\n[pipeline\n");
  CHECK(e.rfind("/cfg/pipeline.toml:3: TOML syntax error:", 0) == 0);
}

TEST_CASE("a missing config file is reported by path") {
  CHECK_THROWS_WITH_AS(mosaic::host::load_config("/nonexistent/mosaic.toml"),
                       "/nonexistent/mosaic.toml: cannot open the config file", ConfigError);
}

TEST_CASE("[plugins] lock is a path relative to the config file, and optional") {
  auto c = parse_config("[plugins]\nlock = \"plugins.lock\"\n", "/cfg/sub/pipeline.toml");
  REQUIRE(c.plugin_lock);
  CHECK(*c.plugin_lock == "/cfg/sub/plugins.lock");
  CHECK(*parse_config("[plugins]\nlock = \"/etc/mosaic/plugins.lock\"\n", "/cfg/p.toml").plugin_lock ==
        "/etc/mosaic/plugins.lock");
  CHECK_FALSE(parse_config("[plugins]\n", "/cfg/p.toml").plugin_lock);
  CHECK_FALSE(parse_config("", "/cfg/p.toml").plugin_lock);
}

TEST_CASE("[plugins] mistakes name the file, line and key") {
  CHECK(error_of("[plugins]\nlock = 3\n") == "/cfg/pipeline.toml:2: plugins.lock: expected a string, found an integer");
  CHECK(error_of("[plugins]\nlock = \"\"\n") == "/cfg/pipeline.toml:2: plugins.lock: expected a non-empty path");
  CHECK(error_of("[plugins]\nlocks = \"p.lock\"\n") ==
        "/cfg/pipeline.toml:2: plugins.locks: unknown key; expected one of: lock");
  CHECK(error_of("plugins = \"x\"\n") == "/cfg/pipeline.toml:1: plugins: expected a table, found a string");
}

TEST_CASE("isolate = true reads back with the child's settings, defaults where the table is silent") {
  auto c = parse_config(R"(
[data]
prices = "p.csv"
[pipeline]
modules = ["a", "b", "c"]
[modules.a]
isolate = true
[modules.b]
isolate = true
[modules.b.isolation]
timeout_ms = 250
memory_mb = 512
quarantine_after_crashes = 5
)",
                        "/cfg/pipeline.toml");
  REQUIRE(c.module("a").isolation);
  CHECK(c.module("a").isolation->timeout_ms == 30000);
  CHECK(c.module("a").isolation->memory_mb == 4096);
  CHECK(c.module("a").isolation->quarantine_after_crashes == 3);
  REQUIRE(c.module("b").isolation);
  CHECK(c.module("b").isolation->timeout_ms == 250);
  CHECK(c.module("b").isolation->memory_mb == 512);
  CHECK(c.module("b").isolation->quarantine_after_crashes == 5);
  CHECK_FALSE(c.module("c").isolation);
}

TEST_CASE("isolation settings are checked, and apply only to an isolated module") {
  const std::string head = "[data]\nprices = \"p\"\n[pipeline]\nmodules = [\"a\"]\n[modules.a]\n";
  CHECK(error_of(head + "isolate = 1\n") == "/cfg/pipeline.toml:6: modules.a.isolate: expected true or false");
  CHECK(error_of(head + "[modules.a.isolation]\ntimeout_ms = 5\n") ==
        "/cfg/pipeline.toml:6: modules.a.isolation: applies only with isolate = true in [modules.a]");
  CHECK(error_of(head + "isolate = true\n[modules.a.isolation]\ntimeout_ms = 0\n") ==
        "/cfg/pipeline.toml:8: modules.a.isolation.timeout_ms: expected a number of milliseconds > 0");
  CHECK(error_of(head + "isolate = true\n[modules.a.isolation]\nmemory_mb = -1\n") ==
        "/cfg/pipeline.toml:8: modules.a.isolation.memory_mb: expected an integer >= 0 (0 = no limit)");
  CHECK(error_of(head + "isolate = true\n[modules.a.isolation]\nquarantine_after_crashes = 0\n") ==
        "/cfg/pipeline.toml:8: modules.a.isolation.quarantine_after_crashes: expected an integer >= 1");
  CHECK(error_of(head + "isolate = true\n[modules.a.isolation]\ntimeout = 1\n")
            .find("modules.a.isolation.timeout: unknown key; expected one of: memory_mb, quarantine_after_crashes, "
                  "timeout_ms") != std::string::npos);
}
