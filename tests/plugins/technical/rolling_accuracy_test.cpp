// The rolling windows update sums in O(1) per bar; these tests pin down that rounding from a
// huge value does not linger once it has left the window, and that long series do not drift.

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "indicators/bollinger.hpp"
#include "indicators/sma.hpp"
#include "indicators/zscore.hpp"
#include "series_check.hpp"
#include "synthetic_series.hpp"

using namespace mosaic::technical;

namespace {

// Straightforward two-pass mean and population sd of x[i-n+1 .. i].
void window_moments(const std::vector<double>& x, std::size_t i, std::size_t n, double& mean, double& sd)
{
    double sum = 0.0;
    for (std::size_t j = i + 1 - n; j <= i; ++j)
        sum += x[j];
    mean = sum / static_cast<double>(n);
    double m2 = 0.0;
    for (std::size_t j = i + 1 - n; j <= i; ++j)
        m2 += (x[j] - mean) * (x[j] - mean);
    sd = std::sqrt(m2 / static_cast<double>(n));
}

}  // namespace

TEST_CASE("a spike leaves no rounding residue in later windows")
{
    auto x = test::random_walk(400).close;
    x[30] = 1e12;  // a running sum would keep ~1e-4 of error from this forever
    const std::size_t n = 20;
    std::vector<double> mean(x.size()), z(x.size()), lo(x.size()), mid(x.size()), up(x.size()), pb(x.size());
    sma(x, static_cast<int>(n), mean);
    zscore(x, static_cast<int>(n), z);
    bollinger(x, static_cast<int>(n), 2.0, lo, mid, up, pb);
    std::vector<double> want_mean(x.size(), test::NaN), want_z(x.size(), test::NaN), want_up(x.size(), test::NaN);
    for (std::size_t i = n - 1; i < x.size(); ++i) {
        double m = 0.0, sd = 0.0;
        window_moments(x, i, n, m, sd);
        want_mean[i] = m;
        want_z[i] = (x[i] - m) / sd;
        want_up[i] = m + 2.0 * sd;
    }
    // Every window after the spike has left (at bar 30 + n) must be as exact as a fresh one.
    const std::size_t clear = 30 + n;
    auto tail = [clear](const std::vector<double>& v) { return std::span<const double>(v).subspan(clear); };
    test::check_series("sma", tail(mean), tail(want_mean), 1e-12);
    test::check_series("zscore", tail(z), tail(want_z), 1e-10);
    test::check_series("bb upper", tail(up), tail(want_up), 1e-12);
}

TEST_CASE("long series stay within 1e-12 of a two-pass computation")
{
    const auto x = test::random_walk(20000, 7).close;
    const std::size_t n = 50;
    std::vector<double> z(x.size()), want(x.size(), test::NaN);
    zscore(x, static_cast<int>(n), z);
    for (std::size_t i = n - 1; i < x.size(); ++i) {
        double m = 0.0, sd = 0.0;
        window_moments(x, i, n, m, sd);
        want[i] = (x[i] - m) / sd;
    }
    // z is a difference over sd; its rounding is relative to |x|/sd, not to z itself.
    std::vector<double> scale(x.size());
    for (std::size_t i = n - 1; i < x.size(); ++i) {
        double m = 0.0, sd = 0.0;
        window_moments(x, i, n, m, sd);
        scale[i] = std::abs(x[i]) / sd;
    }
    test::check_series("zscore", z, want, 1e-12, scale);
}

TEST_CASE("sma on a long cent-priced series stays within 1e-15 of the exact mean, spike or not")
{
    // The tie rule (signal_rules.hpp) needs averages far inside 1e-12 of exact on any length.
    // Prices are whole cents, so the exact window mean is an integer sum over 100 n.
    // A walk in whole cents between $1 and $1,000.
    std::vector<long long> cents(200000);
    unsigned long long state = 11;
    long long c = 5000;
    for (auto& v : cents) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        c += static_cast<long long>(state >> 57) - 64;  // -64 .. +63 cents
        c = c < 100 ? 200 - c : (c > 100000 ? 200000 - c : c);
        v = c;
    }
    cents[1000] = 100000000000LL;  // a $1e9 bad tick
    std::vector<double> x(cents.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = static_cast<double>(cents[i]) / 100.0;
    for (int n : {10, 50, 200, 400}) {
        CAPTURE(n);
        const auto w = static_cast<std::size_t>(n);
        std::vector<double> mean(x.size()), want(x.size(), test::NaN);
        sma(x, n, mean);
        long long sum = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            sum += cents[i] - (i >= w ? cents[i - w] : 0);
            if (i + 1 >= w)
                want[i] = static_cast<double>(sum) / (100.0 * n);
        }
        test::check_series("sma", mean, want, 1e-15);
    }
}

TEST_CASE("sma on every short length matches the window means, signs mixed")
{
    // The window sums run as two chains side by side plus a fresh last window when the output
    // count is odd; every split of a short series must still give each window's mean.
    std::vector<double> all(60);
    unsigned long long state = 3;
    for (auto& v : all) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        v = static_cast<double>(state >> 11) / 9007199254740992.0 * 200.0 - 50.0;
    }
    for (int n : {1, 2, 3, 7, 20}) {
        const auto w = static_cast<std::size_t>(n);
        for (std::size_t len = 0; len <= w + 25; ++len) {
            CAPTURE(n);
            CAPTURE(len);
            const std::vector<double> x(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(len));
            std::vector<double> mean(len), want(len, test::NaN), scale(len, 0.0);
            sma(x, n, mean);
            for (std::size_t i = w - 1; i < len; ++i) {
                long double sum = 0.0L, size = 0.0L;
                for (std::size_t j = i + 1 - w; j <= i; ++j) {
                    sum += x[j];
                    size += std::abs(x[j]);
                }
                want[i] = static_cast<double>(sum / n);
                scale[i] = static_cast<double>(size / n);
            }
            test::check_series("sma", mean, want, 1e-15, scale);
        }
    }
}
