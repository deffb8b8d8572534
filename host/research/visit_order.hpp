// The order in which a grid search's threads take its points. Grid order varies the last
// dimension fastest, so a module that keeps a series per parameter value (technical's
// averages, one per period) meets a different value of that dimension with every
// configuration and reads its series from far caches: on the SMA sweep, 96 slow averages
// of 44 KB, past the L2. Taking the points in Z order (the bits of their value numbers
// interleaved) visits the grid in small tiles instead, whose series stay near the core.
// Only the visiting order changes: every trial keeps its grid-order number, and the
// outputs are sorted by it.
#pragma once

#include "host/research/grid.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace mosaic::host::research {

// Positions into `grid_index` (the grid indices of the points to visit), in Z order of
// the points; grid order when the interleaved codes would not fit 64 bits.
std::vector<size_t> z_order(const Grid& grid, std::span<const uint64_t> grid_index);

}  // namespace mosaic::host::research
