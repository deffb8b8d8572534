#include "host/research/grid.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace mosaic::host::research {

Grid::Grid(const SearchSpace& space, uint64_t budget) : space_(&space) {
  SpaceSize s = space.size();
  if (s.continuous) {
    std::string dims;
    for (const auto& d : space.dimensions())
      if (d.continuous()) dims += (dims.empty() ? "" : ", ") + d.label();
    throw SpaceError(fmt::format(
        "grid search cannot enumerate continuous dimensions: {} (float with no step); give a step or a value in "
        "[optimize.space.<module>], or use --method random",
        dims));
  }
  if (s.saturated || s.count > budget)
    throw SpaceError(fmt::format(
        "grid search refused: the space has {} points, more than the budget of {} evaluations; narrow "
        "[optimize.space] or use --method random",
        s.saturated ? std::string("more than 1e18") : std::to_string(s.count), budget));
  size_ = s.count;
  for (const auto& d : space.dimensions()) radix_.push_back(d.count());
  digits_.assign(radix_.size(), 0);
}

Candidate Grid::make(const std::vector<uint64_t>& digits) const {
  const auto& dims = space_->dimensions();
  std::vector<ParamValue> point;
  point.reserve(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) point.push_back(dims[i].value_at(digits[i]));
  return space_->make(point);
}

std::vector<uint64_t> Grid::digits(uint64_t index) const {
  if (index >= size_) throw std::out_of_range(fmt::format("grid index {} is past its size {}", index, size_));
  std::vector<uint64_t> digits(radix_.size(), 0);
  for (size_t i = radix_.size(); i-- > 0;) {
    digits[i] = index % radix_[i];
    index /= radix_[i];
  }
  return digits;
}

Candidate Grid::at(uint64_t index) const { return make(digits(index)); }

bool Grid::next(Candidate& out) {
  if (done_ >= size_) return false;
  out = make(digits_);
  ++done_;
  for (size_t i = radix_.size(); i-- > 0;) {  // the mixed-radix increment
    if (++digits_[i] < radix_[i]) break;
    digits_[i] = 0;
  }
  return true;
}

void Grid::reset() {
  digits_.assign(radix_.size(), 0);
  done_ = 0;
}

GridCursor::GridCursor(const Grid& grid) : grid_(grid) {
  if (grid.size() == 0) return;
  // Point 0 made as Grid::at makes every point, so the maps hold every key a point sets.
  current_ = grid.at(0);
  const auto& dims = grid.space().dimensions();
  switches_.assign(dims.size(), nullptr);
  slots_.resize(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) {
    const Dimension& d = dims[i];
    if (d.kind == Dimension::Kind::Switch) {
      switches_[i] = &current_.enabled[d.module];
      continue;
    }
    for (auto& p : current_.params[d.module])
      if (p.name == d.param) slots_[i].push_back(&p.value);
  }
}

const Candidate& GridCursor::at(uint64_t index) {
  if (index >= grid_.size()) throw std::out_of_range(fmt::format("grid index {} is past its size {}", index, grid_.size()));
  const auto& dims = grid_.space().dimensions();
  const auto& radix = grid_.radix();
  for (size_t i = dims.size(); i-- > 0;) {  // the last dimension varies fastest
    const ParamValue v = dims[i].value_at(index % radix[i]);
    index /= radix[i];
    if (switches_[i]) *switches_[i] = v.b;
    for (ParamValue* slot : slots_[i]) *slot = v;
  }
  return current_;
}

std::vector<Candidate> enumerate_grid(const SearchSpace& space, uint64_t budget) {
  Grid g(space, budget);
  std::vector<Candidate> all;
  all.reserve(g.size());
  Candidate c;
  while (g.next(c)) all.push_back(c);
  return all;
}

}  // namespace mosaic::host::research
