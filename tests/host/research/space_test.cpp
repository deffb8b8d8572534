#include "host/research/search_space.hpp"

#include "support/contract_info.hpp"

#include <doctest/doctest.h>

#include <mosaic/contract.hpp>

#include <string>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

struct Contracts {
  ContractInfo demo = mosaic_test::contract_info(mosaic::Contract("demo", "1.2.3", mosaic::Role::Signal)
                                                     .param_int("fast", 10, 2, 10, "fast period", 2)  // 2,4,6,8,10
                                                     .param_float("k", 2.0, 0.5, 4.0, "width")         // continuous
                                                     .param_bool("long_only", true, "no shorts")
                                                     .param_enum("ma", "sma", {"sma", "ema", "wma"}, "average")
                                                     .param_string("emit", "", "extra outputs"));
  ContractInfo filter = mosaic_test::contract_info(
      mosaic::Contract("filter", "0.1.0", mosaic::Role::Signal)
          .param_float("level", 0.5, 0.0, 1.0, "threshold", 0.25));  // 0,.25,.5,.75,1
  std::vector<SpaceModule> modules() const { return {{"demo", demo, {}}, {"filter", filter, {}}}; }
};

std::string space_error(const SpaceOverrides& ov, const std::vector<std::string>& optional = {}) {
  Contracts c;
  try {
    SearchSpace s(c.modules(), optional, ov);
    return {};
  } catch (const SpaceError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("research: one dimension per tunable parameter, one switch per optional module") {
  Contracts c;
  SearchSpace s(c.modules(), {"filter"});
  const auto& d = s.dimensions();
  REQUIRE(d.size() == 6);
  CHECK(d[0].label() == "demo.fast");
  CHECK(d[0].kind == Dimension::Kind::Int);
  CHECK(d[0].count() == 5);
  CHECK(d[1].label() == "demo.k");
  CHECK(d[1].continuous());
  CHECK(d[1].count() == 0);
  CHECK(d[2].kind == Dimension::Kind::Bool);
  CHECK(d[3].count() == 3);
  CHECK(d[4].kind == Dimension::Kind::Switch);
  CHECK(d[4].label() == "filter");
  CHECK(d[5].count() == 5);
  CHECK(s.size().continuous);
  CHECK(s.size().str() == "unbounded (continuous: demo.k)");
  // The base: everything on, at its defaults, every declared parameter in order.
  CHECK(s.base().enabled.at("filter"));
  REQUIRE(s.base().params.at("demo").size() == 5);
  CHECK(s.base().params.at("demo")[4].name == "emit");
  CHECK(s.base().param("demo", "fast")->i == 10);
}

TEST_CASE("research: configured values are the base of parameters not searched") {
  Contracts c;
  auto mods = c.modules();
  mods[0].configured = {{"fast", ParamValue::of_int(4)}, {"emit", ParamValue::of_string("sma:5")}};
  SearchSpace s(mods, {}, {{"demo", {{"fast", ParamOverride::left_out()}}}});
  CHECK(s.base().param("demo", "fast")->i == 4);
  CHECK(s.base().param("demo", "emit")->s == "sma:5");
  for (const auto& d : s.dimensions()) CHECK(d.label() != "demo.fast");
}

TEST_CASE("research: overrides narrow, fix, restrict and exclude") {
  Contracts c;
  SpaceOverrides ov;
  ov["demo"]["fast"] = ParamOverride::narrowed(4, 8);
  ov["demo"]["k"] = ParamOverride::narrowed(std::nullopt, std::nullopt, 0.5);  // 0.5 .. 4 by 0.5: 8 values
  ov["demo"]["long_only"] = ParamOverride::fixed(ParamValue::of_bool(false));
  ov["demo"]["ma"] = ParamOverride::restricted({"ema", "sma"});
  ov["filter"]["level"] = ParamOverride::fixed(ParamValue::of_int(1));  // an int for a float
  SearchSpace s(c.modules(), {}, ov);
  const auto& d = s.dimensions();
  REQUIRE(d.size() == 3);
  CHECK(d[0].count() == 3);  // 4, 6, 8
  CHECK(d[0].value_at(2).i == 8);
  CHECK(d[1].count() == 8);
  CHECK(d[1].value_at(7).f == 4.0);
  CHECK(d[2].choices == std::vector<std::string>{"ema", "sma"});
  CHECK(s.size().count == 3 * 8 * 2);
  CHECK_FALSE(s.base().param("demo", "long_only")->b);
  CHECK(s.base().param("filter", "level")->type == MOSAIC_PARAM_FLOAT);
  CHECK(s.base().param("filter", "level")->f == 1.0);
  std::string text = s.describe();
  CHECK(text.find("demo.fast  int 4..8 step 2") != std::string::npos);
  CHECK(text.find("3 values") != std::string::npos);
  CHECK(text.find("demo.long_only = false (fixed)") != std::string::npos);
  CHECK(text.find("demo.emit = \"\" (string, not searched)") != std::string::npos);
  CHECK(text.find("size: 48\n") != std::string::npos);
}

TEST_CASE("research: override errors name module.param and what was expected") {
  CHECK(space_error({{"demo", {{"fast", ParamOverride::narrowed(0, 8)}}}}) ==
        "demo.fast: expected a range within [2, 10], found [0, 8]");
  CHECK(space_error({{"demo", {{"fast", ParamOverride::narrowed(8, 4)}}}}) == "demo.fast: min 8 is above max 4");
  CHECK(space_error({{"demo", {{"fast", ParamOverride::narrowed(2.5, std::nullopt)}}}}) == "demo.fast: expected an integer bound, found 2.5");
  CHECK(space_error({{"demo", {{"fast", ParamOverride::narrowed(std::nullopt, std::nullopt, 0)}}}}) ==
        "demo.fast: expected a positive integer step, found 0");
  CHECK(space_error({{"demo", {{"fast", ParamOverride::fixed(ParamValue::of_int(12))}}}}) ==
        "demo.fast: expected an integer in [2, 10], found 12");
  CHECK(space_error({{"demo", {{"fast", ParamOverride::fixed(ParamValue::of_float(3.5))}}}}) ==
        "demo.fast: expected an integer in [2, 10] (int parameter)");
  CHECK(space_error({{"demo", {{"k", ParamOverride::narrowed(std::nullopt, std::nullopt, -1)}}}}) == "demo.k: expected a non-negative step, found -1");
  CHECK(space_error({{"demo", {{"ma", ParamOverride::restricted({"sma", "hma"})}}}}) ==
        "demo.ma: expected one of \"sma\", \"ema\", \"wma\", found \"hma\"");
  CHECK(space_error({{"demo", {{"ma", ParamOverride::narrowed(1, 2)}}}}) ==
        "demo.ma: a range applies only to int and float parameters; use choices");
  CHECK(space_error({{"demo", {{"fast", ParamOverride::restricted({"1"})}}}}) ==
        "demo.fast: choices apply only to enum parameters; use min, max and step");
  CHECK(space_error({{"demo", {{"long_only", ParamOverride::restricted({"true"})}}}}) ==
        "demo.long_only: a bool parameter takes only a value or exclude");
  CHECK(space_error({{"demo", {{"emit", ParamOverride::narrowed(1, 2)}}}}) ==
        "demo.emit: a string parameter is not searched; only a value or exclude apply");
  CHECK(space_error({{"demo", {{"fast", [] { auto o = ParamOverride::fixed(ParamValue::of_int(4)); o.exclude = true; return o; }()}}}}) ==
        "demo.fast: exclude cannot be combined with a value, a range or choices");
  CHECK(space_error({{"demo", {{"fsat", ParamOverride::left_out()}}}}) ==
        "demo.fsat: demo 1.2.3 declares no such parameter; it has: fast, k, long_only, ma, emit");
  CHECK(space_error({{"nope", {}}}) == "optimize.space.nope: no such module in the pipeline; it has: demo, filter");
  CHECK(space_error({}, {"nope"}) == "optional module 'nope' is not in the pipeline; it has: demo, filter");
}

TEST_CASE("research: a numeric parameter without a declared range is searched only when given one") {
  mosaic::ContractStorage st;
  mosaic_contract cc{};
  st.build(mosaic::Contract("free", "1.0.0", mosaic::Role::Signal).param_int("n", 3, 0, 10, "n"), &cc);
  ContractInfo info = read_contract(&cc);
  info.params[0].has_range = false;  // as a module that declares none
  SearchSpace plain({{"free", info, {}}}, {});
  CHECK(plain.dimensions().empty());
  CHECK(plain.size().count == 1);
  SearchSpace given({{"free", info, {}}}, {}, {{"free", {{"n", ParamOverride::narrowed(1, 1000)}}}});
  REQUIRE(given.dimensions().size() == 1);
  CHECK(given.dimensions()[0].count() == 1000);
}

TEST_CASE("research: the size saturates beyond 1e18") {
  mosaic::ContractStorage st;
  mosaic_contract cc{};
  st.build(mosaic::Contract("big", "1.0.0", mosaic::Role::Signal)
               .param_int("a", 0, 0, 999'999, "a")
               .param_int("b", 0, 0, 999'999, "b")
               .param_int("c", 0, 0, 999'999, "c")
               .param_int("d", 0, 0, 999'999, "d"),
           &cc);
  ContractInfo info = read_contract(&cc);
  SearchSpace three({{"big", info, {}}}, {}, {{"big", {{"d", ParamOverride::left_out()}}}});
  CHECK(three.size().count == 1'000'000'000'000'000'000ULL);  // exactly 1e18: not saturated
  CHECK_FALSE(three.size().saturated);
  SearchSpace four({{"big", info, {}}}, {});
  SpaceSize s = four.size();
  CHECK(s.saturated);
  CHECK_FALSE(s.continuous);
  CHECK(s.count == kSizeLimit);
  CHECK(s.approx == doctest::Approx(1e24));
  CHECK(s.str() == "more than 1e18");
  CHECK(four.describe().find("size: more than 1e18\n") != std::string::npos);
}

TEST_CASE("research: a switched-off module's parameters do not change the candidate key") {
  Contracts c;
  SearchSpace s(c.modules(), {"filter"}, {{"demo", {{"k", ParamOverride::left_out()}}}});
  std::vector<ParamValue> p1 = {ParamValue::of_int(2), ParamValue::of_bool(true),
                                ParamValue::of_string("ema", MOSAIC_PARAM_ENUM), ParamValue::of_bool(false),
                                ParamValue::of_float(0.25)};
  auto p2 = p1;
  p2[4] = ParamValue::of_float(0.75);
  Candidate a = s.make(p1), b = s.make(p2);
  CHECK_FALSE(a.enabled.at("filter"));
  CHECK(a.param("filter", "level")->f == 0.25);
  CHECK(a == b);
  p1[3] = p2[3] = ParamValue::of_bool(true);
  CHECK_FALSE(s.make(p1) == s.make(p2));
  CHECK(s.make(p1).key() == "demo:on fast=2 k=2.0 long_only=true ma=\"ema\" emit=\"\"; filter:on level=0.25");
}

TEST_CASE("research: describe lists each dimension, the fixed parameters and the size") {
  Contracts c;
  SearchSpace s(c.modules(), {"filter"});
  CHECK(s.describe() ==
        "search space: 6 dimensions\n"
        "  demo.fast       int 2..10 step 2      5 values\n"
        "  demo.k          float 0.5..4          continuous\n"
        "  demo.long_only  bool false, true      2 values\n"
        "  demo.ma         enum sma, ema, wma    3 values\n"
        "  filter          on/off                2 values\n"
        "  filter.level    float 0..1 step 0.25  5 values\n"
        "fixed:\n"
        "  demo.emit = \"\" (string, not searched)\n"
        "size: unbounded (continuous: demo.k)\n");
}

TEST_CASE("research: a candidate key lists every module of either map in name order, each with its parameters") {
  Candidate c;
  c.enabled = {{"b", true}, {"d", false}, {"e", true}};
  c.params["a"] = {{"x", ParamValue::of_int(-3)}};
  c.params["b"] = {{"y", ParamValue::of_float(1.0)}, {"s", ParamValue::of_string("q\"u\\ote")}};
  c.params["d"] = {{"z", ParamValue::of_bool(true)}};
  CHECK(c.key() == "a:on x=-3; b:on y=1.0 s=\"q\\\"u\\\\ote\"; d:off; e:on");
  CHECK(Candidate{}.key().empty());
}
