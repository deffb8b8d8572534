// The grid search's list, made on several threads: the same candidates in the same order
// as walking the grid (made as they are taken, on two threads' cursors), the rejections
// counted, and a list over the budget refused.
#include "host/research/candidate_source.hpp"
#include "host/research/constraint.hpp"
#include "host/research/grid_list.hpp"
#include "host/research/search_threads.hpp"

#include "fast_slow_space.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

// m.fast and m.slow in 1..60, m.kind a or b: 7200 points, enough for several shares.
SearchSpace space() { return mosaic_test::fast_slow_space(60, 5); }

}  // namespace

TEST_CASE("grid list: the points that keep the constraints, in grid order, on any number of threads") {
  const SearchSpace s = space();
  Grid grid(s, 100000);
  REQUIRE(grid.size() == 7200);
  SearchSettings settings;
  settings.constraints = {parse_constraint("m.fast < m.slow", s)};
  std::vector<std::string> walked;
  uint64_t rejected = 0;
  Candidate c;
  while (grid.next(c)) {
    if (meets_param_constraints(c, settings)) walked.push_back(c.key());
    else ++rejected;
  }
  REQUIRE(walked.size() == 60 * 59);  // fast < slow: 1770 pairs, times two kinds
  for (int threads : {1, 2, 3, 8}) {
    CAPTURE(threads);
    const GridList list = constrained_grid_list(grid, settings, 100000, threads);
    CHECK(list.rejected == rejected);
    REQUIRE(list.grid_index.size() == walked.size());
    GridCandidates candidates(grid, list.grid_index, 2);
    size_t differ = 0;
    for (size_t i = 0; i < walked.size(); ++i) differ += candidates.take(i, i % 2).key() == walked[i] ? 0 : 1;
    CHECK(differ == 0);
  }
}

TEST_CASE("grid list: more candidates than the budget are refused, with the numbers") {
  const SearchSpace s = space();
  const Grid grid(s, 100000);
  SearchSettings settings;
  settings.constraints = {parse_constraint("m.fast < m.slow", s)};
  CHECK(constrained_grid_list(grid, settings, 3540, 2).grid_index.size() == 3540);
  for (int threads : {1, 2}) {
    try {
      constrained_grid_list(grid, settings, 3539, threads);
      FAIL("expected a refusal");
    } catch (const SpaceError& e) {
      CHECK(std::string(e.what()).find("more than 3539 configurations that meet the constraints (of 7200") !=
            std::string::npos);
    }
  }
}
