// Tunables, settings and the relations a contract declares among its parameters, as the
// SDK writes them into the C contract and the host reads them back.
#include "host/registry/param_relation.hpp"
#include "support/contract_info.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace mosaic::host;

namespace {

mosaic::Contract two_periods() {
  return mosaic::Contract("ma", "1.0.0", mosaic::Role::Signal)
      .param_int("fast", 10, 2, 100, "fast period")
      .param_int("slow", 50, 5, 400, "slow period")
      .param_int("seed", 1, 0, 1000, "a seed")
      .setting()
      .param_string("label", "", "an output name")
      .setting()
      .constraint("fast < slow");
}

}  // namespace

TEST_CASE("param kinds: .setting() marks the parameter declared last; the rest are tunables") {
  const ContractInfo c = mosaic_test::contract_info(two_periods());
  REQUIRE(c.params.size() == 4);
  CHECK_FALSE(c.param("fast")->setting);
  CHECK_FALSE(c.param("slow")->setting);
  CHECK(c.param("seed")->setting);
  CHECK(c.param("label")->setting);
}

TEST_CASE("param kinds: the C contract carries the flag and the constraints") {
  mosaic::ContractStorage storage;
  mosaic_contract raw{};
  storage.build(two_periods(), &raw);
  CHECK(raw.params[0].flags == 0);
  CHECK(raw.params[2].flags == MOSAIC_PARAM_SETTING);
  REQUIRE(raw.n_constraints == 1);
  CHECK(std::string(raw.constraints[0]) == "fast < slow");
  CHECK(raw.struct_size == sizeof(mosaic_contract));
}

TEST_CASE("param relations: read back, and qualified with the module's name for the optimizer") {
  const ContractInfo c = mosaic_test::contract_info(two_periods());
  REQUIRE(c.constraints.size() == 1);
  CHECK(c.constraints[0].left == "fast");
  CHECK(c.constraints[0].op == "<");
  CHECK(c.constraints[0].qualified("ma") == "ma.fast < ma.slow");
  CHECK(parse_param_relation("fast <= 20", c.params).qualified("ma") == "ma.fast <= 20");
}

TEST_CASE("param relations: a contract whose relation is malformed is refused, naming the module") {
  auto refused = [](const std::string& relation) {
    return mosaic_test::contract_info(
        mosaic::Contract("ma", "1.0.0", mosaic::Role::Signal)
            .param_int("fast", 10, 2, 100, "fast period")
            .param_string("label", "", "an output name")
            .constraint(relation));
  };
  CHECK_THROWS_WITH_AS(refused("fast < nope"), doctest::Contains("ma: constraint \"fast < nope\""), ContractError);
  CHECK_THROWS_WITH_AS(refused("fast = 3"), doctest::Contains("expected <, <=, > or >="), ContractError);
  CHECK_THROWS_WITH_AS(refused("fast <"), doctest::Contains("expected LEFT OP RIGHT"), ContractError);
  CHECK_THROWS_WITH_AS(refused("1 < 2"), doctest::Contains("names no parameter"), ContractError);
  CHECK_THROWS_WITH_AS(refused("label < 2"), doctest::Contains("'label' is neither a number nor a numeric parameter"),
                       ContractError);
}
