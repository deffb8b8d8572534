// A fingerprint of a return stream, to tell which configurations are one strategy: two
// configurations whose in-sample returns are identical, bar for bar, trade the same book
// whatever their parameters say.
#pragma once

#include "host/research/strided_returns.hpp"

#include <cstdint>

namespace mosaic::host::research {

// Equal for equal values (0.0 and -0.0 alike); different streams collide with probability
// about 2^-64. A few microseconds for ten thousand returns: cheap next to a backtest.
uint64_t hash_returns(StridedReturns returns);

}  // namespace mosaic::host::research
