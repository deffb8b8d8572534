// Random search: candidates drawn uniformly per dimension (ints and stepped floats on
// their lattice, step-0 floats continuous), from a seeded std::mt19937_64. The same seed
// gives the same sequence on every platform (no std:: distributions are used).
#pragma once

#include "host/research/search_space.hpp"

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

namespace mosaic::host::research {

class RandomSearch {
 public:
  // With `deduplicate`, a candidate equal (Candidate::key) to one already given is drawn
  // again. `space` must outlive the search.
  RandomSearch(const SearchSpace& space, uint64_t seed, bool deduplicate = false);

  // The next candidate; nullopt only when de-duplicating and the finite space is
  // exhausted, or `max_repeats` draws in a row were repeats.
  std::optional<Candidate> next();
  // Up to n candidates (fewer only when next() runs out).
  std::vector<Candidate> sample(size_t n);
  uint64_t given() const { return given_; }

  static constexpr int max_repeats = 10000;

 private:
  uint64_t below(uint64_t n);  // uniform in [0, n)
  double unit();               // uniform in [0, 1)
  Candidate draw();

  const SearchSpace* space_;
  std::mt19937_64 rng_;
  bool dedup_;
  std::unordered_set<std::string> seen_;
  uint64_t given_ = 0;
};

}  // namespace mosaic::host::research
