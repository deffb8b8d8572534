#include "host/research/grid.hpp"
#include "host/research/random_search.hpp"

#include "support/contract_info.hpp"

#include <doctest/doctest.h>

#include <mosaic/contract.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

struct Small {
  ContractInfo demo = mosaic_test::contract_info(mosaic::Contract("demo", "1.0.0", mosaic::Role::Signal)
                                                     .param_int("n", 3, 1, 5, "n", 2)                     // 1, 3, 5
                                                     .param_float("k", 1.0, 0.0, 1.0, "k", 0.5)           // 0, 0.5, 1
                                                     .param_bool("flag", false, "flag")                   // false, true
                                                     .param_enum("ma", "sma", {"sma", "ema"}, "average")  // sma, ema
                                                     .param_string("tag", "x", "tag"));
  ContractInfo filter = mosaic_test::contract_info(
      mosaic::Contract("filter", "1.0.0", mosaic::Role::Signal).param_float("z", 0.3, 0.0, 1.0, "z"));
  std::vector<SpaceModule> modules() const { return {{"demo", demo, {}}, {"filter", filter, {}}}; }
  // filter.z left out: a finite space of 3 * 3 * 2 * 2 * 2 (filter on/off) = 72.
  SearchSpace finite() const { return SearchSpace(modules(), {"filter"}, {{"filter", {{"z", ParamOverride::left_out()}}}}); }
};

std::string full_key(const Candidate& c) {  // includes a switched-off module's params
  std::string k;
  for (const auto& [m, on] : c.enabled) {
    k += m + (on ? "+" : "-");
    for (const auto& p : c.params.at(m)) k += p.name + "=" + p.value.to_string() + " ";
  }
  return k;
}

}  // namespace

TEST_CASE("research: the grid enumerates every combination exactly once") {
  Small f;
  SearchSpace s = f.finite();
  REQUIRE(s.size().count == 72);
  auto all = enumerate_grid(s, 1000);
  REQUIRE(all.size() == 72);
  std::set<std::string> keys;
  for (const auto& c : all) keys.insert(full_key(c));
  CHECK(keys.size() == 72);
  // Every combination by hand.
  std::set<std::string> expected;
  for (int n : {1, 3, 5})
    for (double k : {0.0, 0.5, 1.0})
      for (bool flag : {false, true})
        for (const char* ma : {"sma", "ema"})
          for (bool on : {true, false}) {
            Candidate c = s.base();
            c.enabled["filter"] = on;
            c.params["demo"][0].value = ParamValue::of_int(n);
            c.params["demo"][1].value = ParamValue::of_float(k);
            c.params["demo"][2].value = ParamValue::of_bool(flag);
            c.params["demo"][3].value = ParamValue::of_string(ma, MOSAIC_PARAM_ENUM);
            expected.insert(full_key(c));
          }
  CHECK(keys == expected);
  // The string and the excluded parameter stay at their defaults.
  for (const auto& c : all) {
    CHECK(c.param("demo", "tag")->s == "x");
    CHECK(c.param("filter", "z")->f == 0.3);
  }
}

TEST_CASE("research: the grid order is deterministic: the last dimension turns fastest") {
  Small f;
  SearchSpace s = f.finite();
  Grid g(s, 72);
  Candidate first, second;
  REQUIRE(g.next(first));
  REQUIRE(g.next(second));
  CHECK(first.param("demo", "n")->i == 1);
  CHECK(first.enabled.at("filter"));
  CHECK_FALSE(second.enabled.at("filter"));  // the switch is the last dimension
  CHECK(second.param("demo", "n")->i == 1);
  for (uint64_t i = 0; i < 72; i += 7) CHECK(full_key(g.at(i)) == full_key(enumerate_grid(s, 72)[i]));
  CHECK(g.at(71).param("demo", "n")->i == 5);
  Candidate c;
  int n = 2;
  while (g.next(c)) ++n;
  CHECK(n == 72);
  CHECK_FALSE(g.next(c));
  g.reset();
  REQUIRE(g.next(c));
  CHECK(full_key(c) == full_key(first));
}

TEST_CASE("research: a grid cursor gives Grid::at's candidate at every index, in any order") {
  const Small s;
  const SearchSpace space = s.finite();
  const Grid g(space, 1000);
  GridCursor cursor(g);
  // Down, up, then strided: every dimension (a switch, an enum, a float, a bool) changes in
  // both directions between calls.
  std::vector<uint64_t> order;
  for (uint64_t i = g.size(); i-- > 0;) order.push_back(i);
  for (uint64_t i = 0; i < g.size(); ++i) order.push_back(i);
  for (uint64_t i = 0; i < g.size(); ++i) order.push_back(i * 37 % g.size());
  for (uint64_t i : order) {
    CAPTURE(i);
    const Candidate& c = cursor.at(i);
    CHECK(full_key(c) == full_key(g.at(i)));
    CHECK(c.key() == g.at(i).key());
  }
  CHECK_THROWS_AS(cursor.at(g.size()), std::out_of_range);
}

TEST_CASE("research: the grid refuses a space over the budget, stating both") {
  Small f;
  SearchSpace s = f.finite();
  CHECK_THROWS_WITH_AS(Grid(s, 71),
                       "grid search refused: the space has 72 points, more than the budget of 71 evaluations; narrow "
                       "[optimize.space] or use --method random",
                       SpaceError);
  CHECK_NOTHROW(Grid(s, 72));
}

TEST_CASE("research: the grid refuses continuous dimensions unless given a step or a value") {
  Small f;
  SearchSpace cont(f.modules(), {});
  CHECK_THROWS_WITH_AS(Grid(cont, 1000000),
                       "grid search cannot enumerate continuous dimensions: filter.z (float with no step); give a "
                       "step or a value in [optimize.space.<module>], or use --method random",
                       SpaceError);
  SearchSpace stepped(f.modules(), {}, {{"filter", {{"z", ParamOverride::narrowed(0.2, 0.4, 0.1)}}}});
  auto all = enumerate_grid(stepped, 1000);
  CHECK(all.size() == 36 * 3);
  std::set<double> zs;
  for (const auto& c : all) zs.insert(c.param("filter", "z")->f);
  CHECK(zs.size() == 3);
}

TEST_CASE("research: the grid refuses a saturated size") {
  mosaic::ContractStorage st;
  mosaic_contract cc{};
  st.build(mosaic::Contract("big", "1.0.0", mosaic::Role::Signal)
               .param_int("a", 0, 0, 999'999'999, "a")
               .param_int("b", 0, 0, 999'999'999, "b")
               .param_int("c", 0, 0, 999'999'999, "c"),
           &cc);
  SearchSpace s({{"big", read_contract(&cc), {}}}, {});
  CHECK_THROWS_WITH_AS(Grid(s, 5000),
                       "grid search refused: the space has more than 1e18 points, more than the budget of 5000 "
                       "evaluations; narrow [optimize.space] or use --method random",
                       SpaceError);
}

TEST_CASE("research: random search is deterministic for a seed and stays on the lattice") {
  Small f;
  SearchSpace s(f.modules(), {"filter"});  // filter.z continuous in [0, 1]
  auto a = RandomSearch(s, 42).sample(200);
  auto b = RandomSearch(s, 42).sample(200);
  auto c = RandomSearch(s, 43).sample(200);
  REQUIRE(a.size() == 200);
  int same = 0, differ = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (full_key(a[i]) == full_key(b[i])) ++same;
    if (full_key(a[i]) != full_key(c[i])) ++differ;
  }
  CHECK(same == 200);
  CHECK(differ > 100);
  std::set<int64_t> ns;
  std::set<double> ks;
  int off = 0;
  for (const auto& x : a) {
    for (size_t d = 0; d < s.dimensions().size(); ++d) {
      const auto& dim = s.dimensions()[d];
      if (dim.kind == Dimension::Kind::Switch) continue;
      CHECK(dim.contains(*x.param(dim.module, dim.param)));
    }
    ns.insert(x.param("demo", "n")->i);
    ks.insert(x.param("demo", "k")->f);
    double z = x.param("filter", "z")->f;
    CHECK(z >= 0.0);
    CHECK(z <= 1.0);
    off += x.enabled.at("filter") ? 0 : 1;
  }
  CHECK(ns == std::set<int64_t>{1, 3, 5});
  CHECK(ks == std::set<double>{0.0, 0.5, 1.0});
  CHECK(off > 50);
  CHECK(off < 150);
}

TEST_CASE("research: random search can de-duplicate, and stops when the space is exhausted") {
  Small f;
  SearchSpace s = f.finite();
  RandomSearch r(s, 7, true);
  auto all = r.sample(1000);
  std::set<std::string> keys;
  for (const auto& c : all) keys.insert(c.key());
  CHECK(keys.size() == all.size());
  // filter's only parameter is left out, so every one of the 72 points has its own key.
  CHECK(all.size() == 72);
  CHECK_FALSE(r.next().has_value());
  auto dup = RandomSearch(s, 7, false).sample(500);
  CHECK(dup.size() == 500);
}
