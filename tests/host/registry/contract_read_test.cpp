#include "host/registry/contract_info.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace mosaic::host;

TEST_CASE("registry: a contract of struct_size 0 is explained for the C++ SDK and for C") {
  const mosaic_contract zero{};
  CHECK_THROWS_WITH_AS(read_contract(&zero), doctest::Contains("contract() threw while the library loaded"),
                       ContractError);
  CHECK_THROWS_WITH_AS(read_contract(&zero), doctest::Contains("set .struct_size = sizeof(mosaic_contract)"),
                       ContractError);
  mosaic_contract short_one{};
  short_one.struct_size = 8;
  CHECK_THROWS_WITH_AS(read_contract(&short_one), doctest::Contains("contract struct_size 8 is smaller"), ContractError);
}

namespace {

// A contract with one output and the one parameter `d`.
struct OneParam {
  mosaic_port out{"signal.one", MOSAIC_LAYOUT_PANEL, 0, "a signal"};
  mosaic_param_decl decl{};
  mosaic_contract c{};
  explicit OneParam(const mosaic_param_decl& d) : decl(d) {
    c.struct_size = sizeof(mosaic_contract);
    c.role = MOSAIC_ROLE_SIGNAL;
    c.id = "test.one";
    c.name = "one";
    c.version = "1.0.0";
    c.outputs = &out;
    c.n_outputs = 1;
    c.params = &decl;
    c.n_params = 1;
  }
};

mosaic_param_decl int_param(uint32_t type) {
  mosaic_param_decl d{};
  d.name = "lookback";
  d.description = "bars";
  d.default_value.type = MOSAIC_PARAM_INT;
  d.default_value.i = 20;
  d.has_range = 1;
  d.min = 2;
  d.max = 250;
  d.type = type;
  return d;
}

}  // namespace

TEST_CASE("registry: a parameter's explicit type must match its default's; 0 (ABI 1.0) takes the default's") {
  const OneParam implied(int_param(0)), stated(int_param(MOSAIC_PARAM_INT)), wrong(int_param(MOSAIC_PARAM_FLOAT));
  CHECK(read_contract(&implied.c).params.at(0).type() == MOSAIC_PARAM_INT);
  CHECK(read_contract(&stated.c).params.at(0).type() == MOSAIC_PARAM_INT);
  CHECK_THROWS_WITH_AS(read_contract(&wrong.c),
                       "one: param 'lookback' is declared float (mosaic_param_decl.type) but its default is int",
                       ContractError);
}

TEST_CASE("registry: every string a module declares is UTF-8 and bounded") {
  OneParam bad_name(int_param(0));
  bad_name.c.name = "sig\xff";
  CHECK_THROWS_WITH_AS(read_contract(&bad_name.c), "the contract declares a string that is not UTF-8: 'sig\\xFF'",
                       ContractError);
  OneParam bad_port(int_param(0));
  bad_port.out.description = "\xc3\x28";
  CHECK_THROWS_WITH_AS(read_contract(&bad_port.c), doctest::Contains("not UTF-8: '\\xC3('"), ContractError);
  const std::string huge(100'000, 'd');
  OneParam long_text(int_param(0));
  long_text.c.description = huge.c_str();
  CHECK_THROWS_WITH_AS(read_contract(&long_text.c), doctest::Contains("a string longer than 65536 bytes"),
                       ContractError);
  OneParam fine(int_param(0));
  fine.c.description = "\xc3\xa9t\xc3\xa9";
  CHECK(read_contract(&fine.c).description == "\xc3\xa9t\xc3\xa9");
}
