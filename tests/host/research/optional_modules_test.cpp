#include "host/research/optional_modules.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

PortInfo port(const std::string& name, bool required = true) { return {name, MOSAIC_LAYOUT_PANEL, required, {}}; }

ContractInfo contract(const std::string& name, std::vector<PortInfo> inputs, std::vector<PortInfo> outputs) {
  ContractInfo c;
  c.name = name;
  c.inputs = std::move(inputs);
  c.outputs = std::move(outputs);
  return c;
}

// The bundled default pipeline's contracts, as `mosaic modules list` shows them.
struct DefaultPipeline {
  ContractInfo technical = contract("technical", {port("close"), port("high", false), port("low", false)},
                                    {port("signal.technical"), port("technical.*")});
  ContractInfo regime = contract("regime", {port("close")}, {port("regime.p_high_vol"), port("regime.state")});
  ContractInfo portfolio =
      contract("portfolio", {port("close"), port("signal.*", false), port("regime.p_high_vol", false)},
               {port("weights.target")});
  ContractInfo risk = contract("risk", {port("weights.target"), port("close")},
                               {port("weights.final"), port("risk.var_95"), port("risk.cvar_95")});
  std::vector<NamedContract> modules() const {
    return {{"technical", technical}, {"regime", regime}, {"portfolio", portfolio}, {"risk", risk}};
  }
};

const std::vector<std::string> kPrices = {"close", "high", "low", "open", "volume"};

}  // namespace

TEST_CASE("research: in the default pipeline only the portfolio module is required") {
  const DefaultPipeline p;
  CHECK(optional_modules(p.modules(), kPrices) == std::vector<std::string>{"technical", "regime", "risk"});
  CHECK(required_modules(p.modules(), kPrices) == std::vector<std::string>{"portfolio"});
  CHECK(produces_weights(p.modules(), kPrices, {"technical", "regime", "risk"}));
  CHECK_FALSE(produces_weights(p.modules(), kPrices, {"portfolio"}));
  // Without the portfolio, risk has no weights.target and is skipped in turn.
  CHECK(running_modules(p.modules(), kPrices, {"portfolio"}) == std::vector<std::string>{"technical", "regime"});
}

TEST_CASE("research: a required input chain makes every link required") {
  // data -> a -> x (required) -> b -> weights.target
  const ContractInfo a = contract("a", {port("close")}, {port("x")});
  const ContractInfo b = contract("b", {port("x")}, {port("weights.target")});
  const ContractInfo extra = contract("extra", {port("close")}, {port("extra.out")});
  const std::vector<NamedContract> modules = {{"a", a}, {"extra", extra}, {"b", b}};
  CHECK(optional_modules(modules, {"close"}) == std::vector<std::string>{"extra"});
  CHECK(required_modules(modules, {"close"}) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("research: a required port family needs at least one member") {
  // The portfolio here requires signal.*: dropping one of two signal modules is fine,
  // but each is needed once the other is gone.
  const ContractInfo s1 = contract("s1", {port("close")}, {port("signal.one")});
  const ContractInfo s2 = contract("s2", {port("close")}, {port("signal.*")});
  const ContractInfo pf = contract("pf", {port("signal.*")}, {port("weights.target")});
  const std::vector<NamedContract> both = {{"s1", s1}, {"s2", s2}, {"pf", pf}};
  CHECK(optional_modules(both, {"close"}) == std::vector<std::string>{"s1", "s2"});
  CHECK_FALSE(produces_weights(both, {"close"}, {"s1", "s2"}));
  const std::vector<NamedContract> one = {{"s1", s1}, {"pf", pf}};
  CHECK(optional_modules(one, {"close"}).empty());
  CHECK(required_modules(one, {"close"}) == std::vector<std::string>{"s1", "pf"});
}

TEST_CASE("research: a concrete input can come from a declared family") {
  const ContractInfo tech = contract("tech", {port("close")}, {port("technical.*")});
  const ContractInfo pf = contract("pf", {port("technical.sma_20")}, {port("weights.target")});
  const std::vector<NamedContract> modules = {{"tech", tech}, {"pf", pf}};
  CHECK(required_modules(modules, {"close"}) == std::vector<std::string>{"tech", "pf"});
}

TEST_CASE("research: without any weights port nothing is optional") {
  const ContractInfo a = contract("a", {port("close")}, {port("signal.a")});
  const ContractInfo b = contract("b", {port("volume")}, {port("weights.target")});
  const std::vector<NamedContract> modules = {{"a", a}, {"b", b}};
  CHECK_FALSE(produces_weights(modules, {"close"}));  // b's data input is missing
  CHECK(optional_modules(modules, {"close"}).empty());
  CHECK(required_modules(modules, {"close"}) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("research: weights.final alone is backtestable") {
  const ContractInfo direct = contract("direct", {port("close")}, {port("weights.final")});
  const ContractInfo other = contract("other", {port("close")}, {port("signal.x")});
  const std::vector<NamedContract> modules = {{"other", other}, {"direct", direct}};
  CHECK(optional_modules(modules, {"close"}) == std::vector<std::string>{"other"});
}
