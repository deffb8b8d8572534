#include "host/config/config.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace mosaic::host;

namespace {

Config parse(const std::string& text) { return parse_config("[pipeline]\nmodules = [\"technical\"]\n" + text, "opt.toml"); }

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("an [optimize] table is read with its defaults") {
  const Config c = parse("[optimize]\nmethod = \"genetic\"\nbudget = \"2m\"\nseed = 9\n");
  CHECK(c.optimize.method == "genetic");
  CHECK(c.optimize.targets == std::vector<std::string>{"sharpe"});
  CHECK(!c.optimize.max_evaluations);
  CHECK(*c.optimize.max_seconds == 120.0);
  CHECK(c.optimize.seed == 9);
  CHECK(c.optimize.train_fraction == 0.7);
  CHECK(c.optimize.pbo_blocks == 16);
  CHECK(c.optimize.cache_mb == 256);
  CHECK(parse("[optimize]\ncache_mb = 0\n").optimize.cache_mb == 0);
  CHECK(c.optimize.out_of_sample == 1000);
  CHECK(parse("[optimize]\nout_of_sample = 25\n").optimize.out_of_sample == 25);
  CHECK(parse("[optimize]\nout_of_sample = \"all\"\n").optimize.out_of_sample == SIZE_MAX);
  CHECK(parse("[optimize]\nonly = [\"risk\"]\n").optimize.only == std::vector<std::string>{"risk"});
  CHECK(c.optimize.only.empty());
  CHECK(parse("").optimize.line == 0);
}

TEST_CASE("budgets are counts or durations") {
  std::optional<uint64_t> n;
  std::optional<double> s;
  CHECK(parse_budget("5000", n, s));
  CHECK(*n == 5000);
  n.reset();
  CHECK(parse_budget("1m30s", n, s));
  CHECK(*s == 90.0);
  CHECK(parse_budget("1h", n, s));
  CHECK(*s == 3600.0);
  CHECK_FALSE(parse_budget("0", n, s));
  CHECK_FALSE(parse_budget("2 minutes", n, s));
  CHECK_FALSE(parse_budget("", n, s));
  CHECK(parse("[optimize]\nbudget = 250\n").optimize.max_evaluations == 250u);
}

TEST_CASE("space tables fix, narrow, restrict and leave out parameters") {
  const Config c = parse(
      "[optimize.space.technical]\n"
      "enabled = true\n"
      "fast = { min = 5, max = 50, step = 5 }\n"
      "trend_ma = { choices = [\"sma\"] }\n"
      "slow = 100\n"
      "rsi_period = false\n");
  const auto& t = c.optimize.space.at("technical");
  CHECK(c.optimize.fixed_enabled.at("technical") == true);
  CHECK(*t.at("fast").min == 5);
  CHECK(*t.at("fast").step == 5);
  CHECK(t.at("trend_ma").choices == std::vector<std::string>{"sma"});
  CHECK(t.at("slow").value->i == 100);
  CHECK(t.at("rsi_period").exclude);
  CHECK(c.optimize.lines.at("technical.slow") == 7);
}

TEST_CASE("search lists the only parameters searched") {
  const Config c = parse("[optimize.space.technical]\nsearch = [\"fast\", \"slow\"]\nfast = { min = 5, max = 9 }\n");
  CHECK(c.optimize.search_only.count("technical") == 1);
  CHECK(c.optimize.space.at("technical").count("slow") == 1);
  CHECK(error_of("[optimize.space.technical]\nsearch = [\"fast\"]\nslow = 5\n") ==
        "opt.toml:5: optimize.space.technical.slow: 'slow' is not in optimize.space.technical.search (fast); list it "
        "there or leave it out");
}

TEST_CASE("bad [optimize] entries name the file, line and key") {
  CHECK(error_of("[optimize]\nmethod = \"annealing\"\n") ==
        "opt.toml:4: optimize.method: expected one of grid, random, genetic, de, cmaes, pso, nsga2, found \"annealing\"");
  CHECK(error_of("[optimize]\nbudget = \"soon\"\n").find("opt.toml:4: optimize.budget: expected a number of "
                                                       "evaluations") == 0);
  CHECK(error_of("[optimize]\ntrain_fraction = 1.5\n").find("opt.toml:4: optimize.train_fraction") == 0);
  CHECK(error_of("[optimize]\npbo_blocks = 7\n").find("even") != std::string::npos);
  CHECK(error_of("[optimize]\ncache_mb = -1\n").find("opt.toml:4: optimize.cache_mb") == 0);
  CHECK(error_of("[optimize]\nout_of_sample = \"most\"\n") ==
        "opt.toml:4: optimize.out_of_sample: expected a number of strategies (1000) or \"all\"");
  CHECK(error_of("[optimize]\nout_of_sample = -3\n").find("opt.toml:4: optimize.out_of_sample") == 0);
  CHECK(error_of("[optimize]\ncolour = 1\n").find("opt.toml:4: optimize.colour: unknown key") == 0);
  CHECK(error_of("[optimize.space.regime]\nx = 1\n").find("opt.toml:3: optimize.space.regime: 'regime' is not listed "
                                                        "in pipeline.modules") == 0);
  CHECK(error_of("[optimize.space.technical]\nfast = [1, 2]\n").find("opt.toml:4: optimize.space.technical.fast: "
                                                                   "expected false") == 0);
}
