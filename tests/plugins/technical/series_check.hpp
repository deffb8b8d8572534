#pragma once
// Helpers shared by the indicator tests: NaN-aware series comparison and warm-up counting.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace mosaic::technical::test {

inline constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

inline std::size_t leading_nans(std::span<const double> x)
{
    std::size_t k = 0;
    while (k < x.size() && std::isnan(x[k]))
        ++k;
    return k;
}

inline std::size_t count_nans(std::span<const double> x)
{
    return static_cast<std::size_t>(std::count_if(x.begin(), x.end(), [](double v) { return std::isnan(v); }));
}

// NaN positions must match exactly; values must agree within rel_tol of the larger of |a|, |b|
// and `scale` (the size of the operands a difference was taken from; 0 for pure relative).
inline void check_series(const std::string& what, std::span<const double> actual, std::span<const double> expected,
                         double rel_tol, std::span<const double> scale = {})
{
    INFO(what);
    REQUIRE(actual.size() == expected.size());
    std::size_t bad = 0;
    for (std::size_t i = 0; i < actual.size() && bad < 5; ++i) {
        const double a = actual[i];
        const double e = expected[i];
        const double s = scale.empty() ? 0.0 : scale[i];
        const bool ok = std::isnan(e) ? std::isnan(a)
                                      : !std::isnan(a) && std::abs(a - e) <= rel_tol * std::max({std::abs(a), std::abs(e), s});
        if (!ok) {
            ++bad;
            INFO("index " << i << ": actual " << a << ", expected " << e);
            CHECK(ok);
        }
    }
    CHECK(bad == 0);
}

}  // namespace mosaic::technical::test
