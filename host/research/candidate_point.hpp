// A candidate as one number per dimension of its space (an Int's value, a Float's value, a
// Bool or a Switch as 0/1, an Enum's choice index): how a search names a configuration to
// another process, in a few bytes rather than its text.
#pragma once

#include "host/research/search_space.hpp"

#include <vector>

namespace mosaic::host::research {

std::vector<double> point_of(const SearchSpace& space, const Candidate& c);
// Throws std::invalid_argument when the point does not fit the space.
Candidate candidate_at(const SearchSpace& space, const std::vector<double>& point);

}  // namespace mosaic::host::research
