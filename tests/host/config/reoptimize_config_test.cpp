#include "host/config/config.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace mosaic::host;

namespace {

Config parse(const std::string& text) { return parse_config("[pipeline]\nmodules = [\"technical\"]\n" + text, "re.toml"); }

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

const std::string kTable = "[serve.reoptimize]\nevery = 250\nwindow = 1000\nholdout = 250\n";

}  // namespace

TEST_CASE("[serve.reoptimize]: read with the gate's defaults, and absent by default") {
  CHECK_FALSE(parse("").reoptimize);
  const Config c = parse(kTable);
  REQUIRE(c.reoptimize);
  CHECK(*c.reoptimize->every_bars == 250);
  CHECK_FALSE(c.reoptimize->every_seconds);
  CHECK(c.reoptimize->window == 1000);
  CHECK(c.reoptimize->holdout == 250);
  CHECK(c.reoptimize->threads == 1);
  CHECK_FALSE(c.reoptimize->method);
  CHECK(c.reoptimize->gate.margin == 0.0);
  CHECK(c.reoptimize->gate.min_dsr == 0.95);
  CHECK(c.reoptimize->gate.max_pbo == 0.5);
  CHECK(c.reoptimize->gate.shadow_bars == 0);
  CHECK(c.reoptimize->line == 3);

  const Config d = parse("[serve.reoptimize]\nevery = \"30m\"\nwindow = 500\nholdout = 100\nmethod = \"random\"\n"
                         "target = \"sortino\"\nbudget = \"90s\"\nthreads = 2\nseed = 4\n"
                         "[serve.reoptimize.gate]\nmargin = 0.2\nmin_dsr = 0.9\nmax_pbo = 0.3\nshadow_bars = 20\n"
                         "shadow_confidence = 0.9\n");
  CHECK(*d.reoptimize->every_seconds == 1800.0);
  CHECK_FALSE(d.reoptimize->every_bars);
  CHECK(*d.reoptimize->method == "random");
  CHECK(*d.reoptimize->target == "sortino");
  CHECK(*d.reoptimize->max_seconds == 90.0);
  CHECK(d.reoptimize->threads == 2);
  CHECK(*d.reoptimize->seed == 4);
  CHECK(d.reoptimize->gate.margin == 0.2);
  CHECK(d.reoptimize->gate.shadow_bars == 20);
  CHECK(d.reoptimize->gate.shadow_confidence == 0.9);
}

TEST_CASE("[serve.reoptimize]: every mistake names its line and key, and what was expected") {
  CHECK(error_of("[serve.reoptimize]\nwindow = 1000\nholdout = 250\n").find("re.toml:3: serve.reoptimize: expected `every`") == 0);
  CHECK(error_of("[serve.reoptimize]\nevery = \"often\"\nwindow = 1000\nholdout = 250\n") ==
        "re.toml:4: serve.reoptimize.every: expected bars (250) or a duration (\"30m\", \"1h\"), found \"often\"");
  CHECK(error_of("[serve.reoptimize]\nevery = 10\nwindow = 100\nholdout = 95\n").find(
            "re.toml:6: serve.reoptimize.holdout: expected a holdout that leaves the optimizer at least 10%") == 0);
  CHECK(error_of("[serve.reoptimize]\nevery = 10\nholdout = 25\n").find("expected `window`") != std::string::npos);
  CHECK(error_of(kTable + "method = \"nsga2\"\n") ==
        "re.toml:7: serve.reoptimize.method: expected grid, random, genetic, de, cmaes or pso, found \"nsga2\"");
  CHECK(error_of(kTable + "treads = 2\n").find("re.toml:7: serve.reoptimize.treads: unknown key") == 0);
  CHECK(error_of(kTable + "[serve.reoptimize.gate]\nmin_dsr = 1.5\n") ==
        "re.toml:8: serve.reoptimize.gate.min_dsr: expected a number in [0, 1], found 1.5");
  CHECK(error_of(kTable + "[serve.reoptimize.gate]\nshadow_bars = 1\n").find("expected 0 (no shadow) or at least 2") !=
        std::string::npos);
  CHECK(error_of("[serve]\nreoptimise = {}\n").find("re.toml:4: serve.reoptimise: unknown key; expected one of: reoptimize") == 0);
}
