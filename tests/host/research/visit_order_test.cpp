// The order a grid search's threads take its points in: Z order of their value numbers,
// every point once; grid order where Z order does not apply.
#include "host/research/visit_order.hpp"

#include "support/contract_info.hpp"

#include <doctest/doctest.h>

#include <mosaic/contract.hpp>

#include <algorithm>
#include <numeric>
#include <vector>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

// a: 4 values (1..4), b: 4 values (1..4); one dimension when `b` is left out.
SearchSpace square(bool two_dimensions) {
  static const ContractInfo c = mosaic_test::contract_info(mosaic::Contract("m", "1.0.0", mosaic::Role::Signal)
                                                               .param_int("a", 1, 1, 4, "a")
                                                               .param_int("b", 1, 1, 4, "b"));
  SpaceOverrides o;
  if (!two_dimensions) o["m"]["b"] = ParamOverride::left_out();
  return SearchSpace({{"m", c, {}}}, {}, o);
}

std::vector<uint64_t> all_points(const Grid& g) {
  std::vector<uint64_t> index(g.size());
  std::iota(index.begin(), index.end(), uint64_t{0});
  return index;
}

}  // namespace

TEST_CASE("z order: a 4 x 4 grid is visited in 2 x 2 tiles, each point once") {
  const SearchSpace space = square(true);
  const Grid grid(space, 1000);
  REQUIRE(grid.size() == 16);
  const std::vector<size_t> order = z_order(grid, all_points(grid));
  // Grid index = 4 a + b (b fastest); Z order interleaves a's and b's bits, a's first.
  CHECK(order == std::vector<size_t>{0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15});
}

TEST_CASE("z order: a subset of the points (those that keep the constraints) keeps its positions") {
  const SearchSpace space = square(true);
  const Grid grid(space, 1000);
  const std::vector<uint64_t> kept = {1, 2, 3, 6, 7, 11};  // a < b
  const std::vector<size_t> order = z_order(grid, kept);
  std::vector<size_t> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<size_t>{0, 1, 2, 3, 4, 5});
  CHECK(order == std::vector<size_t>{0, 1, 2, 3, 4, 5});  // 1, 2, 3, 6, 7, 11 are in Z order already
}

TEST_CASE("z order: one dimension keeps grid order") {
  const SearchSpace space = square(false);
  const Grid grid(space, 1000);
  const std::vector<size_t> order = z_order(grid, all_points(grid));
  CHECK(order == std::vector<size_t>{0, 1, 2, 3});
}
