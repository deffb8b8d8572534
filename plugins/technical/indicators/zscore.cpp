#include "indicators/zscore.hpp"

#include <cmath>
#include <cstddef>

#include "indicators/checks.hpp"
#include "indicators/rolling.hpp"
#include "indicators/valid_bars.hpp"
#include "indicators/vector_math.hpp"

namespace mosaic::technical {
namespace {

void zscore_dense(std::span<const double> x, int n, std::span<double> out)
{
    const auto w = static_cast<std::size_t>(n);
    detail::fill_nan_prefix(out, w - 1);
    if (x.size() < w)
        return;
    const auto mean = detail::kernel_scratch(x.size());
    detail::rolling_moments(x, n, mean, out);  // out holds the variance until the loop below
    detail::sqrt_in_place(out.subspan(w - 1));  // now the sd
    // Flat windows are patched in a second loop so that this one has no branch and vectorizes.
    for (std::size_t i = w - 1; i < x.size(); ++i)
        out[i] = (x[i] - mean[i]) / out[i];
    for (std::size_t i = w - 1; i < x.size(); ++i)
        if (!std::isfinite(out[i]))  // sd == 0: x == mean gives 0/0, and rounding can give x/0
            out[i] = detail::nan;
}

}  // namespace

void zscore(std::span<const double> x, int n, std::span<double> out)
{
    detail::require_period("zscore", "n", n);
    detail::require_size("zscore", "out", out.size(), x.size());
    detail::require_disjoint("zscore", x, out);
    detail::on_valid_bars<1, 1>({x}, {out}, [n](auto in, auto res) { zscore_dense(in[0], n, res[0]); });
}

}  // namespace mosaic::technical
