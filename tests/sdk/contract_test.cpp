// Contract builder -> ContractStorage -> the plain C mosaic_contract the host reads.
#include <mosaic/contract.hpp>

#include <doctest/doctest.h>

#include <string>

namespace {

mosaic::Contract full_contract() {
  return mosaic::Contract("breakout", "1.2.3", mosaic::Role::Signal)
      .id("com.example.breakout")
      .describe("Donchian breakout")
      .input("close", mosaic::Layout::Panel, "closing prices")
      .optional_input("news", mosaic::Layout::Table, "headlines")
      .output("signal.breakout", mosaic::Layout::Panel, "score in [-1, 1]")
      .output("breakout.*", mosaic::Layout::Panel)
      .param_int("lookback", 20, 2, 250, "bars of history")
      .param_int("stride", 10, 5, 100, "a stepped int", 5)
      .param_float("threshold", 0.5, 0.0, 2.0, "entry threshold", 0.25)
      .param_float("decay", 0.1, 0.0, 1.0, "a continuous float")
      .param_bool("long_only", true, "no shorts")
      .param_enum("mode", "ema", {"sma", "ema", "wma"}, "smoothing")
      .param_string("label", "hello", "free text")
      .depends("technical", "^1.0")
      .depends("regime", ">=1.2 <2")
      .sla_latency_ms(7.5)
      .sla_min_confidence(0.25);
}

std::string str(const char* s) { return s ? std::string(s) : std::string("<null>"); }

}  // namespace

TEST_CASE("contract: identity, role, ports, dependencies and SLA reach the C struct") {
  mosaic::ContractStorage storage;
  mosaic_contract c;
  storage.build(full_contract(), &c);

  CHECK(c.struct_size == sizeof(mosaic_contract));
  CHECK(c.role == MOSAIC_ROLE_SIGNAL);
  CHECK(str(c.id) == "com.example.breakout");
  CHECK(str(c.name) == "breakout");
  CHECK(str(c.version) == "1.2.3");
  CHECK(str(c.description) == "Donchian breakout");

  REQUIRE(c.n_inputs == 2);
  CHECK(str(c.inputs[0].name) == "close");
  CHECK(c.inputs[0].layout == MOSAIC_LAYOUT_PANEL);
  CHECK(c.inputs[0].required == 1);
  CHECK(str(c.inputs[0].description) == "closing prices");
  CHECK(str(c.inputs[1].name) == "news");
  CHECK(c.inputs[1].layout == MOSAIC_LAYOUT_TABLE);
  CHECK(c.inputs[1].required == 0);

  REQUIRE(c.n_outputs == 2);
  CHECK(str(c.outputs[0].name) == "signal.breakout");
  CHECK(c.outputs[0].layout == MOSAIC_LAYOUT_PANEL);
  CHECK(c.outputs[0].required == 0);
  CHECK(str(c.outputs[1].name) == "breakout.*");
  CHECK(str(c.outputs[1].description).empty());  // an empty string, never NULL

  REQUIRE(c.n_dependencies == 2);
  CHECK(str(c.dependencies[0].module) == "technical");
  CHECK(str(c.dependencies[0].range) == "^1.0");
  CHECK(str(c.dependencies[1].module) == "regime");
  CHECK(str(c.dependencies[1].range) == ">=1.2 <2");

  CHECK(c.sla.max_latency_ms == 7.5);
  CHECK(c.sla.min_confidence == 0.25);
}

TEST_CASE("contract: every parameter type, default, range and choice list") {
  mosaic::ContractStorage storage;
  mosaic_contract c;
  storage.build(full_contract(), &c);
  REQUIRE(c.n_params == 7);
  const mosaic_param_decl* p = c.params;

  CHECK(str(p[0].name) == "lookback");
  CHECK(str(p[0].description) == "bars of history");
  CHECK(p[0].default_value.type == MOSAIC_PARAM_INT);
  CHECK(p[0].default_value.i == 20);
  CHECK(p[0].has_range == 1);
  CHECK(p[0].min == 2);
  CHECK(p[0].max == 250);
  CHECK(p[0].step == 1);  // ints step by 1 unless told otherwise
  CHECK(p[0].choices == nullptr);
  CHECK(p[0].n_choices == 0);
  CHECK(p[1].step == 5);

  CHECK(p[2].default_value.type == MOSAIC_PARAM_FLOAT);
  CHECK(p[2].default_value.f == 0.5);
  CHECK(p[2].has_range == 1);
  CHECK(p[2].min == 0.0);
  CHECK(p[2].max == 2.0);
  CHECK(p[2].step == 0.25);
  CHECK(p[3].step == 0.0);  // continuous

  CHECK(p[4].default_value.type == MOSAIC_PARAM_BOOL);
  CHECK(p[4].default_value.b == 1);
  CHECK(p[4].has_range == 0);

  CHECK(p[5].default_value.type == MOSAIC_PARAM_ENUM);
  CHECK(str(p[5].default_value.s) == "ema");
  CHECK(p[5].has_range == 0);
  REQUIRE(p[5].n_choices == 3);
  CHECK(str(p[5].choices[0]) == "sma");
  CHECK(str(p[5].choices[1]) == "ema");
  CHECK(str(p[5].choices[2]) == "wma");

  CHECK(p[6].default_value.type == MOSAIC_PARAM_STRING);
  CHECK(str(p[6].default_value.s) == "hello");
  CHECK(p[6].n_choices == 0);

  // Only ENUM and STRING carry a string default.
  for (int i : {0, 1, 2, 3, 4}) CHECK(p[i].default_value.s == nullptr);
  for (uint32_t i = 0; i < c.n_params; ++i) CHECK(p[i].reserved == 0);
  // The explicit type (ABI 1.1) says what the default's type says.
  for (uint32_t i = 0; i < c.n_params; ++i) CHECK(p[i].type == static_cast<uint32_t>(p[i].default_value.type));
}

TEST_CASE("contract: defaults of a minimal contract") {
  mosaic::ContractStorage storage;
  mosaic_contract c;
  storage.build(mosaic::Contract("tiny", "0.1.0", mosaic::Role::Risk), &c);
  CHECK(str(c.id) == "");  // no default id: an author gives one they own (modules check fails it)
  CHECK(str(c.name) == "tiny");
  CHECK(c.role == MOSAIC_ROLE_RISK);
  CHECK(str(c.description).empty());
  CHECK(c.n_inputs == 0);
  CHECK(c.n_outputs == 0);
  CHECK(c.n_params == 0);
  CHECK(c.n_dependencies == 0);
  CHECK(c.sla.max_latency_ms == 0.0);
  CHECK(c.sla.min_confidence == 0.0);
}

TEST_CASE("contract: the C struct does not depend on the builder staying alive") {
  mosaic::ContractStorage storage;
  mosaic_contract c;
  {
    mosaic::Contract temp = full_contract();
    storage.build(temp, &c);
  }  // builder gone; every pointer must point into the storage
  CHECK(str(c.name) == "breakout");
  CHECK(str(c.params[5].choices[2]) == "wma");
  CHECK(str(c.dependencies[1].range) == ">=1.2 <2");
}

TEST_CASE("contract: roles map to the ABI values") {
  const std::pair<mosaic::Role, int32_t> roles[] = {
      {mosaic::Role::Source, MOSAIC_ROLE_SOURCE}, {mosaic::Role::Signal, MOSAIC_ROLE_SIGNAL},
      {mosaic::Role::Regime, MOSAIC_ROLE_REGIME}, {mosaic::Role::Portfolio, MOSAIC_ROLE_PORTFOLIO},
      {mosaic::Role::Risk, MOSAIC_ROLE_RISK}};
  for (auto [role, value] : roles) {
    mosaic::ContractStorage storage;
    mosaic_contract c;
    storage.build(mosaic::Contract("m", "1.0.0", role), &c);
    CHECK(c.role == value);
  }
  CHECK(static_cast<int32_t>(mosaic::Layout::Panel) == MOSAIC_LAYOUT_PANEL);
  CHECK(static_cast<int32_t>(mosaic::Layout::Table) == MOSAIC_LAYOUT_TABLE);
}
