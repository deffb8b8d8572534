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

std::vector<Candidate> enumerate_grid(const SearchSpace& space, uint64_t budget) {
  Grid g(space, budget);
  std::vector<Candidate> all;
  all.reserve(g.size());
  Candidate c;
  while (g.next(c)) all.push_back(c);
  return all;
}

}  // namespace mosaic::host::research
