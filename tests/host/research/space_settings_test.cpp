// A setting stays out of the search space unless the config names it.
#include "host/research/search_space.hpp"
#include "support/contract_info.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;
using research::SearchSpace;
using research::SpaceModule;

namespace {

ContractInfo contract() {
  return mosaic_test::contract_info(mosaic::Contract("hmm", "1.0.0", mosaic::Role::Regime)
                                        .param_int("states", 2, 2, 4, "hidden states")
                                        .param_int("seed", 1, 0, 9, "seed of the starts")
                                        .setting()
                                        .param_float("tol", 1e-6, 1e-9, 1e-3, "EM tolerance")
                                        .setting());
}

std::vector<std::string> labels(const SearchSpace& s) {
  std::vector<std::string> out;
  for (const auto& d : s.dimensions()) out.push_back(d.label());
  return out;
}

}  // namespace

TEST_CASE("space settings: left out by default, kept at their configured values") {
  const ContractInfo c = contract();
  const SearchSpace space({SpaceModule{"hmm", c, {{"seed", ParamValue::of_int(7)}}}}, {});
  CHECK(labels(space) == std::vector<std::string>{"hmm.states"});
  const research::Candidate base = space.make({ParamValue::of_int(3)});
  CHECK(base.param("hmm", "seed")->i == 7);
  CHECK(base.param("hmm", "tol")->f == 1e-6);
  const std::string text = space.describe();
  CHECK(text.find("settings, kept as configured") != std::string::npos);
  CHECK(text.find("hmm.seed, hmm.tol") != std::string::npos);
}

TEST_CASE("space settings: searched when the config names one") {
  const ContractInfo c = contract();
  SpaceOverrides named;
  named["hmm"]["seed"] = ParamOverride::narrowed(0, 3);
  const SearchSpace space({SpaceModule{"hmm", c, {}}}, {}, named);
  CHECK(labels(space) == std::vector<std::string>{"hmm.states", "hmm.seed"});
  CHECK(space.size().str() == "12");
  // A `search = [...]` list names its parameters with an empty marker override.
  SpaceOverrides listed;
  listed["hmm"]["seed"] = ParamOverride{};
  CHECK(labels(SearchSpace({SpaceModule{"hmm", c, {}}}, {}, listed)) ==
        std::vector<std::string>{"hmm.states", "hmm.seed"});
}
