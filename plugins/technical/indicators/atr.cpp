#include "indicators/atr.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "indicators/checks.hpp"
#include "indicators/ema.hpp"
#include "indicators/valid_bars.hpp"

namespace mosaic::technical {
namespace {

// The max/min form is TTR's; it equals max(H-L, |H-Cp|, |L-Cp|) whenever high >= low.
void true_range_hlc(std::span<const double> h, std::span<const double> l, std::span<const double> c,
                    std::span<double> out)
{
    if (out.empty())
        return;
    out[0] = detail::nan;
    for (std::size_t i = 1; i < c.size(); ++i)
        out[i] = std::max(h[i], c[i - 1]) - std::min(l[i], c[i - 1]);
}

void true_range_close(std::span<const double> c, std::span<double> out)
{
    if (out.empty())
        return;
    out[0] = detail::nan;
    for (std::size_t i = 1; i < c.size(); ++i)
        out[i] = std::abs(c[i] - c[i - 1]);
}

// Turns a true-range series into its Wilder average in place. TR[0] is NaN, so the average
// starts from TR[1]: its first value, at index n, is mean(TR[1..n]).
void wilder_in_place(int n, std::span<double> tr)
{
    if (tr.empty())
        return;
    detail::smooth_exponential(tr.subspan(1), n, detail::wilder_alpha(n), tr.subspan(1));
}

// Validates the inputs, computes the true range of the valid bars, and hands it to then(),
// still dense, before it is scattered back.
template <class Then>
void with_true_range(const char* name, std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<double> out, Then then)
{
    if (high.empty() != low.empty())
        throw std::invalid_argument(std::string(name) + ": high and low must both be given or both be empty");
    if (!high.empty()) {
        detail::require_size(name, "high", high.size(), close.size());
        detail::require_size(name, "low", low.size(), close.size());
    }
    detail::require_size(name, "out", out.size(), close.size());
    for (auto in : {high, low, close})
        detail::require_disjoint(name, in, out);

    if (high.empty()) {
        detail::on_valid_bars<1, 1>({close}, {out}, [&](auto in, auto res) {
            true_range_close(in[0], res[0]);
            then(res[0]);
        });
    } else {
        detail::on_valid_bars<3, 1>({high, low, close}, {out}, [&](auto in, auto res) {
            true_range_hlc(in[0], in[1], in[2], res[0]);
            then(res[0]);
        });
    }
}

}  // namespace

void true_range(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                std::span<double> out)
{
    with_true_range("true_range", high, low, close, out, [](std::span<double>) {});
}

void atr(std::span<const double> high, std::span<const double> low, std::span<const double> close, int n,
         std::span<double> out)
{
    detail::require_period("atr", "n", n);
    with_true_range("atr", high, low, close, out, [n](std::span<double> tr) { wilder_in_place(n, tr); });
}

}  // namespace mosaic::technical
