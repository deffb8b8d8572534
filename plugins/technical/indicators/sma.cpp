#include "indicators/sma.hpp"

#include "indicators/checks.hpp"
#include "indicators/rolling.hpp"
#include "indicators/valid_bars.hpp"

namespace mosaic::technical {

void sma(std::span<const double> x, int n, std::span<double> out)
{
    detail::require_period("sma", "n", n);
    detail::require_size("sma", "out", out.size(), x.size());
    detail::require_disjoint("sma", x, out);
    detail::on_valid_bars<1, 1>({x}, {out}, [n](auto in, auto res) {
        detail::fill_nan_prefix(res[0], static_cast<std::size_t>(n) - 1);
        detail::rolling_mean(in[0], n, res[0]);
    });
}

}  // namespace mosaic::technical
