#include "indicators/roc.hpp"

#include <algorithm>
#include <cstddef>

#include "indicators/checks.hpp"
#include "indicators/valid_bars.hpp"

namespace mosaic::technical {
namespace {

void roc_dense(std::span<const double> x, int n, std::span<double> out)
{
    const auto w = std::min(x.size(), static_cast<std::size_t>(n));
    detail::fill_nan_prefix(out, w);
    for (std::size_t i = w; i < x.size(); ++i)
        out[i] = x[i] / x[i - w] - 1.0;
}

}  // namespace

void roc(std::span<const double> x, int n, std::span<double> out)
{
    detail::require_period("roc", "n", n);
    detail::require_size("roc", "out", out.size(), x.size());
    detail::require_disjoint("roc", x, out);
    detail::on_valid_bars<1, 1>({x}, {out}, [n](auto in, auto res) { roc_dense(in[0], n, res[0]); });
}

}  // namespace mosaic::technical
