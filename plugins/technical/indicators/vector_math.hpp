#pragma once
// Element-wise maths that the compiler would not vectorize on its own.

#include <span>

namespace mosaic::technical::detail {

// v[i] = sqrt(v[i]). A plain std::sqrt loop stays scalar because std::sqrt may set errno; this
// one uses std::experimental::simd where the library has it, for about twice the throughput
// (the square root is the most expensive step of Bollinger Bands and z-scores). Results are
// identical either way: IEEE square roots are correctly rounded.
void sqrt_in_place(std::span<double> v);

}  // namespace mosaic::technical::detail
