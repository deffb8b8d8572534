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
    const std::size_t len = x.size();
    const auto f = static_cast<std::size_t>(fast);
    const auto s = static_cast<std::size_t>(slow);
    detail::fill_nan_prefix(line, s - 1);
    detail::fill_nan_prefix(sig, s - 1);
    detail::fill_nan_prefix(hist, s - 1);
    if (len < s)
        return;
    // Both EMAs advance in one loop so that their dependency chains overlap; each is the same
    // SMA-seeded recursion as detail::smooth_exponential, step for step.
    const double af = detail::ema_alpha(fast);
    const double as = detail::ema_alpha(slow);
    double ef = 0.0;
    for (std::size_t i = 0; i < f; ++i)
        ef += x[i];
    ef /= static_cast<double>(f);
    double es = ef * static_cast<double>(f);
    for (std::size_t i = f; i < s; ++i) {
        es += x[i];
        ef = x[i] * af + ef * (1.0 - af);
    }
    es /= static_cast<double>(s);
    line[s - 1] = ef - es;
    for (std::size_t i = s; i < len; ++i) {
        ef = x[i] * af + ef * (1.0 - af);
        es = x[i] * as + es * (1.0 - as);
        line[i] = ef - es;
    }
    detail::smooth_exponential(line.subspan(s - 1), signal, detail::ema_alpha(signal), sig.subspan(s - 1));
    for (std::size_t i = s - 1; i < len; ++i)
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
