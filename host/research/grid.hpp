// Grid search: every point of a finite search space exactly once, in a fixed order (a
// mixed-radix counter over the dimensions, the last dimension turning fastest).
#pragma once

#include "host/research/search_space.hpp"

#include <cstdint>
#include <vector>

namespace mosaic::host::research {

class Grid {
 public:
  // Throws SpaceError when the space has a continuous dimension (naming it) or more
  // points than `budget` evaluations (stating the size and the budget). `space` must
  // outlive the grid.
  Grid(const SearchSpace& space, uint64_t budget);

  uint64_t size() const { return size_; }
  // The index-th candidate (index < size()), without moving the counter.
  Candidate at(uint64_t index) const;
  // The index-th point's value number in each dimension; the last dimension varies fastest.
  std::vector<uint64_t> digits(uint64_t index) const;
  // How many values each dimension has.
  const std::vector<uint64_t>& radix() const { return radix_; }
  // The next candidate in order; false once all size() have been given.
  bool next(Candidate& out);
  void reset();
  const SearchSpace& space() const { return *space_; }

 private:
  Candidate make(const std::vector<uint64_t>& digits) const;

  const SearchSpace* space_;
  std::vector<uint64_t> radix_;
  std::vector<uint64_t> digits_;
  uint64_t size_ = 1;
  uint64_t done_ = 0;
};

// A grid's points in any order, each written over one Candidate in place: Grid::at builds a
// new Candidate, and its maps, for every point, which was most of a grid search's set-up.
class GridCursor {
 public:
  explicit GridCursor(const Grid& grid);
  // Grid::at(index), valid until the next call.
  const Candidate& at(uint64_t index);

 private:
  const Grid& grid_;
  Candidate current_;
  // Per dimension, what its value is written to: a module's switch, or its parameters.
  std::vector<bool*> switches_;
  std::vector<std::vector<ParamValue*>> slots_;
};

// Every candidate of the space, in grid order (same checks as Grid).
std::vector<Candidate> enumerate_grid(const SearchSpace& space, uint64_t budget);

}  // namespace mosaic::host::research
