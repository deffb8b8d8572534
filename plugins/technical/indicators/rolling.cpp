#include "indicators/rolling.hpp"

#include "indicators/compensated_sum.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

// rolling_mean keeps compensated running sums (compensated_sum.hpp): their error stays within
// about one rounding of the exact window sum, whatever the window, the series length or a spike
// that has left the window, so equal averages in exact arithmetic come out equal to ~1e-15.
//
// rolling_moments updates the window sum and the sum of squared deviations in O(1) per bar, and
// re-anchors them with a pass over the window
//   - every n bars, which bounds the drift of the running update to n steps, and
//   - whenever the value leaving the window dwarfs what stays (a bad tick, a spike), because its
//     rounding residue would otherwise swamp the small remainder until the next anchor.
// This keeps results within ~1e-13 relative of a two-pass computation per window (what TTR
// does) at a fraction of its O(n) cost per bar. Division and square root are the slow
// instructions here, so the loops multiply by 1/n (at most 1 ulp from dividing) and leave the
// square root to the caller, which takes it in bulk (vector_math.hpp).

namespace mosaic::technical::detail {
namespace {

// Two doubles in one SSE2 register; on a target without one, GCC lowers it to scalar code.
typedef double Pair __attribute__((vector_size(16)));

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
    // The outputs (bars w-1 to the end) are split into two halves of equal length, each a chain
    // of compensated window updates from a freshly summed first window, and the two chains run
    // side by side in the lanes of a Pair. Staying error-free takes about a dozen additions per
    // update, so throughput, not latency, bounds the loop, and two lanes nearly halve its cost.
    // An odd output left over, the last one, is summed afresh.
    const std::size_t outputs = x.size() - w + 1;
    const std::size_t half = outputs / 2;
    if (outputs % 2 == 1)
        mean[x.size() - 1] = compensated_sum(x, x.size() - w, x.size() - 1).value() * inv_w;
    if (half == 0)
        return;
    const std::size_t start0 = w - 1, start1 = w - 1 + half;  // where each chain's first window ends
    // The chains carry on from the unrounded first sums: rounding them would leave an error the
    // size of the first window's last bit in every later window, which can be far smaller.
    const CompensatedSum first0 = compensated_sum(x, start0 + 1 - w, start0);
    const CompensatedSum first1 = compensated_sum(x, start1 + 1 - w, start1);
    Pair sum = {first0.sum(), first1.sum()};
    Pair error = {first0.error(), first1.error()};
    const Pair inv = {inv_w, inv_w};
    mean[start0] = first0.value() * inv_w;
    mean[start1] = first1.value() * inv_w;
    // The error term collects about one rounding of itself per update; folding it back into the
    // sum every block keeps that second-order drift negligible on any length. Blocks keep the
    // inner loop free of a per-bar test.
    constexpr std::size_t block = 1024;
    for (std::size_t k = 1; k < half;) {
        const std::size_t end = std::min(half, k + block);
        for (; k < end; ++k) {
            const std::size_t i = start0 + k, j = start1 + k;
            const Pair entering = {x[i], x[j]}, leaving = {-x[i - w], -x[j - w]};
            const Pair d = entering + leaving, t = sum + d;
            error += two_sum_error(entering, leaving, d) + two_sum_error(sum, d, t);
            sum = t;
            const Pair m = (sum + error) * inv;
            mean[i] = m[0];
            mean[j] = m[1];
        }
        const Pair t = sum + error;
        error = two_sum_error(sum, error, t);
        sum = t;
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
