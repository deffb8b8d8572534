#include "indicators/macd.hpp"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "indicators/checks.hpp"
#include "indicators/ema.hpp"
#include "indicators/valid_bars.hpp"

namespace mosaic::technical {
namespace {

void macd_dense(std::span<const double> x, int fast, int slow, int signal, std::span<double> line,
                std::span<double> sig, std::span<double> hist)
{
    // hist doubles as storage for the fast EMA, so the kernel needs no scratch of its own.
    detail::smooth_exponential(x, fast, detail::ema_alpha(fast), hist);
    detail::smooth_exponential(x, slow, detail::ema_alpha(slow), line);
    for (std::size_t i = 0; i < x.size(); ++i)
        line[i] = hist[i] - line[i];  // NaN until the slow EMA starts

    const auto lead = std::min(x.size(), static_cast<std::size_t>(slow - 1));
    detail::fill_nan_prefix(sig, lead);
    detail::smooth_exponential(line.subspan(lead), signal, detail::ema_alpha(signal), sig.subspan(lead));
    for (std::size_t i = 0; i < x.size(); ++i)
        hist[i] = line[i] - sig[i];
}

}  // namespace

void macd(std::span<const double> close, int fast, int slow, int signal, std::span<double> line,
          std::span<double> sig, std::span<double> hist)
{
    detail::require_period("macd", "fast", fast);
    detail::require_period("macd", "slow", slow);
    detail::require_period("macd", "signal", signal);
    if (fast >= slow)
        throw std::invalid_argument("macd: fast must be < slow (got fast=" + std::to_string(fast) +
                                    ", slow=" + std::to_string(slow) + ")");
    detail::require_size("macd", "line", line.size(), close.size());
    detail::require_size("macd", "sig", sig.size(), close.size());
    detail::require_size("macd", "hist", hist.size(), close.size());
    for (auto out : {line, sig, hist})
        detail::require_disjoint("macd", close, out);
    detail::require_disjoint("macd", line, sig);
    detail::require_disjoint("macd", line, hist);
    detail::require_disjoint("macd", sig, hist);
    detail::on_valid_bars<1, 3>({close}, {line, sig, hist}, [=](auto in, auto res) {
        macd_dense(in[0], fast, slow, signal, res[0], res[1], res[2]);
    });
}

}  // namespace mosaic::technical
