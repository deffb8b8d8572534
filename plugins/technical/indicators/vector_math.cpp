#include "indicators/vector_math.hpp"

#include <cmath>
#include <cstddef>

#if __has_include(<experimental/simd>)
#include <experimental/simd>
#define MOSAIC_TECHNICAL_HAVE_SIMD 1
#endif

namespace mosaic::technical::detail {

void sqrt_in_place(std::span<double> v)
{
    std::size_t i = 0;
#ifdef MOSAIC_TECHNICAL_HAVE_SIMD
    namespace stdx = std::experimental;
    using Pack = stdx::native_simd<double>;
    for (; i + Pack::size() <= v.size(); i += Pack::size()) {
        Pack p(v.data() + i, stdx::element_aligned);
        stdx::sqrt(p).copy_to(v.data() + i, stdx::element_aligned);
    }
#endif
    for (; i < v.size(); ++i)
        v[i] = std::sqrt(v[i]);
}

}  // namespace mosaic::technical::detail
