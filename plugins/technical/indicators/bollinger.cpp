#include "indicators/bollinger.hpp"

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "indicators/checks.hpp"
#include "indicators/rolling.hpp"
#include "indicators/valid_bars.hpp"
#include "indicators/vector_math.hpp"

namespace mosaic::technical {
namespace {

void bollinger_dense(std::span<const double> x, int n, double k, std::span<double> lower, std::span<double> middle,
                     std::span<double> upper, std::span<double> pct_b)
{
    const auto w = static_cast<std::size_t>(n);
    for (auto out : {lower, middle, upper, pct_b})
        detail::fill_nan_prefix(out, w - 1);
    if (x.size() < w)
        return;
    detail::rolling_moments(x, n, middle, upper);  // upper holds the variance, then the sd
    detail::sqrt_in_place(upper.subspan(w - 1));
    for (std::size_t i = w - 1; i < x.size(); ++i) {
        const double half_width = k * upper[i];
        lower[i] = middle[i] - half_width;
        upper[i] = middle[i] + half_width;
        pct_b[i] = (x[i] - lower[i]) / (upper[i] - lower[i]);
    }
    // Collapsed bands are patched in a second loop so that this one has no branch and
    // vectorizes. upper == lower gives 0/0 or x/0 above.
    for (std::size_t i = w - 1; i < x.size(); ++i)
        if (!std::isfinite(pct_b[i]))
            pct_b[i] = detail::nan;
}

}  // namespace

void bollinger(std::span<const double> close, int n, double k, std::span<double> lower, std::span<double> middle,
               std::span<double> upper, std::span<double> pct_b)
{
    detail::require_period("bollinger", "n", n);
    if (!std::isfinite(k) || k < 0.0)
        throw std::invalid_argument("bollinger: k must be finite and >= 0 (got " + std::to_string(k) + ")");
    const std::span<double> outs[] = {lower, middle, upper, pct_b};
    const char* names[] = {"lower", "middle", "upper", "pct_b"};
    for (std::size_t o = 0; o < 4; ++o) {
        detail::require_size("bollinger", names[o], outs[o].size(), close.size());
        detail::require_disjoint("bollinger", close, outs[o]);
        for (std::size_t p = 0; p < o; ++p)
            detail::require_disjoint("bollinger", outs[p], outs[o]);
    }
    detail::on_valid_bars<1, 4>({close}, {lower, middle, upper, pct_b}, [n, k](auto in, auto res) {
        bollinger_dense(in[0], n, k, res[0], res[1], res[2], res[3]);
    });
}

}  // namespace mosaic::technical
