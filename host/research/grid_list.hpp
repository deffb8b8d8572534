// The list a grid search evaluates: every point of the grid that keeps the parameter
// constraints, in grid order. Making the candidates is most of a grid search's set-up, and
// nothing is evaluated until it is done, so the grid is split into contiguous shares that
// are made on several threads at once.
#pragma once

#include "host/research/grid.hpp"
#include "host/research/trial.hpp"

#include <cstdint>
#include <vector>

namespace mosaic::host::research {

struct GridList {
  std::vector<Candidate> candidates;
  std::vector<uint64_t> grid_index;  // each candidate's index in the grid
  uint64_t rejected = 0;             // points that broke a parameter constraint
};

// Throws SpaceError, as soon as it is known, when more than `budget` points keep the
// constraints.
GridList constrained_grid_list(const Grid& grid, const SearchSettings& settings, uint64_t budget, int threads);

}  // namespace mosaic::host::research
