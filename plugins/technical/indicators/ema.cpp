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
    if (len < w) {
        fill_nan_prefix(out, len);
        return;
    }
    // The seed is read before anything is written, so that x and out may be the same memory.
    double prev = 0.0;
    for (std::size_t i = 0; i < w; ++i)
        prev += x[i];
    prev /= static_cast<double>(w);
    fill_nan_prefix(out, w - 1);
    out[w - 1] = prev;

    // e[i] = a*x[i] + b*e[i-1] is a chain of dependent multiply-adds, so it runs at the latency
    // of the FPU. Two steps at once, e[i+1] = a*x[i+1] + a*b*x[i] + b^2*e[i-1], halve the chain;
    // the result differs from the one-step form by a few ulp, and the error does not grow
    // because the recursion is contracting.
    const double b = 1.0 - alpha;
    const double ab = alpha * b;
    const double bb = b * b;
    std::size_t i = w;
    for (; i + 1 < len; i += 2) {
        const double x0 = x[i];
        const double x1 = x[i + 1];
        out[i] = x0 * alpha + prev * b;
        prev = (x1 * alpha + x0 * ab) + prev * bb;
        out[i + 1] = prev;
    }
    if (i < len)
        out[i] = x[i] * alpha + prev * b;
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
