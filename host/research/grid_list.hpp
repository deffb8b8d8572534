// The list a grid search evaluates: the index of every point of the grid that keeps the
// parameter constraints, in grid order (the candidates themselves are made as they are
// evaluated: GridCandidates). A large grid is split into contiguous shares checked on several
// threads at once.
#pragma once

#include "host/research/grid.hpp"
#include "host/research/trial.hpp"

#include <cstdint>
#include <vector>

namespace mosaic::host::research {

struct GridList {
  std::vector<uint64_t> grid_index;  // each kept point's index in the grid
  uint64_t rejected = 0;             // points that broke a parameter constraint
};

// Throws SpaceError, as soon as it is known, when more than `budget` points keep the
// constraints.
GridList constrained_grid_list(const Grid& grid, const SearchSettings& settings, uint64_t budget, int threads);

}  // namespace mosaic::host::research
