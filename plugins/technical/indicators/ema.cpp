#include "indicators/ema.hpp"

#include <cstddef>

#include "indicators/checks.hpp"
#include "indicators/valid_bars.hpp"

namespace mosaic::technical {
namespace detail {

void smooth_exponential(std::span<const double> x, int n, double alpha, std::span<double> out)
{
    const std::size_t len = x.size();
    const auto w = static_cast<std::size_t>(n);
    fill_nan_prefix(out, w - 1);
    if (len < w)
        return;
    double seed = 0.0;
    for (std::size_t i = 0; i < w; ++i)
        seed += x[i];
    out[w - 1] = seed / static_cast<double>(w);
    // Written as TTR writes it, so rounding matches the reference closely.
    for (std::size_t i = w; i < len; ++i)
        out[i] = x[i] * alpha + out[i - 1] * (1.0 - alpha);
}

}  // namespace detail

namespace {

void checked_smooth(const char* name, std::span<const double> x, int n, double alpha, std::span<double> out)
{
    detail::require_size(name, "out", out.size(), x.size());
    detail::require_disjoint(name, x, out);
    detail::on_valid_bars<1, 1>({x}, {out},
                                [n, alpha](auto in, auto res) { detail::smooth_exponential(in[0], n, alpha, res[0]); });
}

}  // namespace

void ema(std::span<const double> x, int n, std::span<double> out)
{
    detail::require_period("ema", "n", n);
    checked_smooth("ema", x, n, detail::ema_alpha(n), out);
}

void wilder_average(std::span<const double> x, int n, std::span<double> out)
{
    detail::require_period("wilder_average", "n", n);
    checked_smooth("wilder_average", x, n, detail::wilder_alpha(n), out);
}

}  // namespace mosaic::technical
