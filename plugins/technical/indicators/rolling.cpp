#include "indicators/rolling.hpp"

#include <cmath>
#include <cstddef>

// The window sum and the sum of squared deviations are updated in O(1) per bar, and re-anchored
// with an exact pass over the window
//   - every n bars, which bounds the drift of the running update to n steps, and
//   - whenever the value leaving the window dwarfs what stays (a bad tick, a spike), because its
//     rounding residue would otherwise swamp the small remainder until the next anchor.
// This keeps results within ~1e-13 relative of a two-pass computation per window (what TTR
// does) at a fraction of its O(n) cost per bar. Division and square root are the slow
// instructions here, so the loops multiply by 1/n (at most 1 ulp from dividing) and leave the
// square root to the caller, which takes it in bulk (vector_math.hpp).

namespace mosaic::technical::detail {
namespace {

// Removing a value v from a running sum leaves an error of about eps*|v|; past this ratio to the
// remaining sum that error would exceed ~1e-12 relative, so the sum is recomputed instead.
constexpr double reanchor_ratio = 1e4;

double window_sum(std::span<const double> x, std::size_t first, std::size_t last)
{
    double sum = 0.0;
    for (std::size_t j = first; j <= last; ++j)
        sum += x[j];
    return sum;
}

double window_m2(std::span<const double> x, std::size_t first, std::size_t last, double mean)
{
    double m2 = 0.0;
    for (std::size_t j = first; j <= last; ++j)
        m2 += (x[j] - mean) * (x[j] - mean);
    return m2;
}

}  // namespace

void rolling_mean(std::span<const double> x, int n, std::span<double> mean)
{
    const auto w = static_cast<std::size_t>(n);
    const double inv_w = 1.0 / static_cast<double>(w);
    if (x.size() < w)
        return;
    double sum = window_sum(x, 0, w - 1);
    mean[w - 1] = sum * inv_w;
    std::size_t since_anchor = 1;  // a counter, because `i % w` would cost a division per bar
    for (std::size_t i = w; i < x.size(); ++i) {
        const double leaving = x[i - w];
        sum += x[i] - leaving;
        if (since_anchor == w || std::abs(leaving) > reanchor_ratio * std::abs(sum)) {
            sum = window_sum(x, i + 1 - w, i);
            since_anchor = 0;
        }
        ++since_anchor;
        mean[i] = sum * inv_w;
    }
}

void rolling_moments(std::span<const double> x, int n, std::span<double> mean, std::span<double> var)
{
    // One loop for both sums, so that their dependency chains overlap.
    const auto w = static_cast<std::size_t>(n);
    const double inv_w = 1.0 / static_cast<double>(w);
    if (x.size() < w)
        return;
    std::size_t run = 1;  // length of the run of equal values ending at bar i
    for (std::size_t j = 1; j < w; ++j)
        run = x[j] == x[j - 1] ? run + 1 : 1;
    double sum = window_sum(x, 0, w - 1);
    double m = sum * inv_w;
    double m2 = run >= w ? 0.0 : window_m2(x, 0, w - 1, m);
    mean[w - 1] = m;
    var[w - 1] = m2 * inv_w;
    std::size_t since_anchor = 1;
    for (std::size_t i = w; i < x.size(); ++i) {
        const double in = x[i];
        const double leaving = x[i - w];
        const double prev = m;
        sum += in - leaving;
        m = sum * inv_w;
        run = in == x[i - 1] ? run + 1 : 1;
        // Welford's sliding update: `in` replaces `leaving` in the window.
        m2 += (in - leaving) * (in - m + leaving - prev);
        const double gone = (leaving - prev) * (leaving - prev);
        // A value far outside the spread also trips this test, which is all the mean needs here:
        // its residue then stays small next to the spread and the level. gone >= 0, so the test
        // also catches an m2 that rounding drove negative.
        if (since_anchor == w || gone > reanchor_ratio * m2) {
            sum = window_sum(x, i + 1 - w, i);
            m = sum * inv_w;
            m2 = window_m2(x, i + 1 - w, i, m);
            since_anchor = 0;
        }
        ++since_anchor;
        if (run >= w)
            m2 = 0.0;
        mean[i] = m;
        var[i] = m2 * inv_w;
    }
}

}  // namespace mosaic::technical::detail
