#include "host/config/param_binding.hpp"

#include "support/contract_info.hpp"

#include <doctest/doctest.h>

#include <mosaic/contract.hpp>

using namespace mosaic::host;

namespace {

// A contract as the loader would read it from a module.
struct Fixture {
  ContractInfo info = mosaic_test::contract_info(mosaic::Contract("demo", "1.2.3", mosaic::Role::Signal)
                                                     .param_int("fast", 10, 2, 100, "fast period")
                                                     .param_float("k", 2.0, 0.5, 4.0, "width")
                                                     .param_bool("long_only", true, "no shorts")
                                                     .param_enum("ma", "sma", {"sma", "ema"}, "average")
                                                     .param_string("emit", "", "extra outputs"));
};

std::string bind_error(const std::string& toml_text) {
  Fixture f;
  toml::table t = toml::parse(std::string_view(toml_text), std::string_view("/cfg/p.toml"));
  try {
    bind_params(f.info, &t, "/cfg/p.toml");
    return {};
  } catch (const ConfigError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("missing parameters take their declared defaults, in declaration order") {
  Fixture f;
  auto bound = bind_params(f.info, nullptr, "/cfg/p.toml");
  REQUIRE(bound.size() == 5);
  CHECK(bound[0].name == "fast");
  CHECK(bound[0].value.i == 10);
  CHECK(bound[1].value.f == 2.0);
  CHECK(bound[2].value.b);
  CHECK(bound[3].value.s == "sma");
  CHECK(bound[4].value.s.empty());
}

TEST_CASE("configured values are converted to the declared types") {
  Fixture f;
  toml::table t = toml::parse("fast = 20\nk = 3\nlong_only = false\nma = \"ema\"\nemit = \"sma:5\"\n");
  auto bound = bind_params(f.info, &t, "/cfg/p.toml");
  CHECK(bound[0].value.i == 20);
  CHECK(bound[1].value.type == MOSAIC_PARAM_FLOAT);  // an integer literal is accepted for a float
  CHECK(bound[1].value.f == 3.0);
  CHECK_FALSE(bound[2].value.b);
  CHECK(bound[3].value.s == "ema");
  CHECK(bound[4].value.s == "sma:5");
}

TEST_CASE("bad parameter values name the key, the line and what was expected") {
  CHECK(bind_error("fast = 1\n") == "/cfg/p.toml:1: modules.demo.params.fast: expected an integer in [2, 100], found 1");
  CHECK(bind_error("\nfast = 2.5\n") ==
        "/cfg/p.toml:2: modules.demo.params.fast: expected an integer in [2, 100] (int parameter)");
  CHECK(bind_error("k = 9.0\n") == "/cfg/p.toml:1: modules.demo.params.k: expected a number in [0.5, 4], found 9.0");
  CHECK(bind_error("long_only = 1\n") == "/cfg/p.toml:1: modules.demo.params.long_only: expected true or false (bool parameter)");
  CHECK(bind_error("ma = \"wma\"\n") ==
        "/cfg/p.toml:1: modules.demo.params.ma: expected one of \"sma\", \"ema\", found \"wma\"");
  CHECK(bind_error("emit = 3\n") == "/cfg/p.toml:1: modules.demo.params.emit: expected a string (string parameter)");
}

TEST_CASE("an unknown parameter lists the declared ones") {
  CHECK(bind_error("fsat = 3\n") ==
        "/cfg/p.toml:1: modules.demo.params.fsat: demo 1.2.3 declares no such parameter; it has: fast, k, long_only, ma, emit");
}
