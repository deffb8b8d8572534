#include "host/research/random_search.hpp"

#include <algorithm>
#include <limits>

namespace mosaic::host::research {

RandomSearch::RandomSearch(const SearchSpace& space, uint64_t seed, bool deduplicate)
    : space_(&space), rng_(seed), dedup_(deduplicate) {}

uint64_t RandomSearch::below(uint64_t n) {
  if (n <= 1) return 0;
  // Rejection sampling, so every index is equally likely.
  const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n;
  uint64_t x;
  do x = rng_();
  while (x >= limit);
  return x % n;
}

double RandomSearch::unit() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }

Candidate RandomSearch::draw() {
  const auto& dims = space_->dimensions();
  std::vector<ParamValue> point;
  point.reserve(dims.size());
  for (const auto& d : dims) {
    if (d.continuous())
      point.push_back(ParamValue::of_float(std::min(d.max, d.min + unit() * (d.max - d.min))));
    else
      point.push_back(d.value_at(below(std::min<uint64_t>(d.count(), kSizeLimit))));
  }
  return space_->make(point);
}

std::optional<Candidate> RandomSearch::next() {
  if (!dedup_) {
    ++given_;
    return draw();
  }
  SpaceSize size = space_->size();
  if (!size.saturated && seen_.size() >= size.count) return std::nullopt;
  for (int attempt = 0; attempt < max_repeats; ++attempt) {
    Candidate c = draw();
    if (seen_.insert(c.key()).second) {
      ++given_;
      return c;
    }
  }
  return std::nullopt;
}

std::vector<Candidate> RandomSearch::sample(size_t n) {
  std::vector<Candidate> out;
  out.reserve(n);
  while (out.size() < n) {
    auto c = next();
    if (!c) break;
    out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace mosaic::host::research
