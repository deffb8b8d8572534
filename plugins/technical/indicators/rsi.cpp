#include "indicators/rsi.hpp"

#include <algorithm>
#include <cstddef>

#include "indicators/checks.hpp"
#include "indicators/valid_bars.hpp"

namespace mosaic::technical {
namespace {

// 0/0 on a flat stretch gives NaN, as in TTR: with no moves there is no strength to measure.
double strength(double up, double down) { return 100.0 * up / (up + down); }

void rsi_dense(std::span<const double> x, int n, std::span<double> out)
{
    const std::size_t len = x.size();
    const auto w = static_cast<std::size_t>(n);
    detail::fill_nan_prefix(out, w);
    if (len <= w)
        return;
    double up = 0.0;
    double down = 0.0;
    for (std::size_t i = 1; i <= w; ++i) {
        const double d = x[i] - x[i - 1];
        up += std::max(d, 0.0);
        down += std::max(-d, 0.0);
    }
    up /= static_cast<double>(w);
    down /= static_cast<double>(w);
    out[w] = strength(up, down);
    const double alpha = 1.0 / n;
    for (std::size_t i = w + 1; i < len; ++i) {
        const double d = x[i] - x[i - 1];
        up = std::max(d, 0.0) * alpha + up * (1.0 - alpha);
        down = std::max(-d, 0.0) * alpha + down * (1.0 - alpha);
        out[i] = strength(up, down);
    }
}

}  // namespace

void rsi(std::span<const double> close, int n, std::span<double> out)
{
    detail::require_period("rsi", "n", n);
    detail::require_size("rsi", "out", out.size(), close.size());
    detail::require_disjoint("rsi", close, out);
    detail::on_valid_bars<1, 1>({close}, {out}, [n](auto in, auto res) { rsi_dense(in[0], n, res[0]); });
}

}  // namespace mosaic::technical
