// Warm-up lengths: how many leading NaNs each indicator produces, and that nothing after them
// is NaN (warm-up is never padded with zeros, and never leaks into the valid range).

#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

#include "indicators/atr.hpp"
#include "indicators/bollinger.hpp"
#include "indicators/ema.hpp"
#include "indicators/macd.hpp"
#include "indicators/roc.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "indicators/zscore.hpp"
#include "series_check.hpp"
#include "synthetic_series.hpp"

using namespace mosaic::technical;

namespace {

void check_warmup(const char* what, const std::vector<double>& out, std::size_t expected)
{
    INFO(what);
    CHECK(test::leading_nans(out) == expected);
    CHECK(test::count_nans(out) == expected);
}

// Runs every indicator with `lead` NaN bars in front: an asset listed late only shifts the start.
void check_all(std::size_t lead)
{
    CAPTURE(lead);
    auto bars = test::random_walk(100);
    for (auto* s : {&bars.high, &bars.low, &bars.close})
        s->insert(s->begin(), lead, test::NaN);
    const auto& c = bars.close;
    std::vector<double> a(c.size()), b(c.size()), d(c.size()), e(c.size());

    sma(c, 20, a);
    check_warmup("sma 20", a, lead + 19);
    ema(c, 20, a);
    check_warmup("ema 20", a, lead + 19);
    wilder_average(c, 14, a);
    check_warmup("wilder 14", a, lead + 13);
    rsi(c, 14, a);
    check_warmup("rsi 14", a, lead + 14);
    macd(c, 12, 26, 9, a, b, d);
    check_warmup("macd line", a, lead + 25);
    check_warmup("macd signal", b, lead + 33);
    check_warmup("macd hist", d, lead + 33);
    bollinger(c, 20, 2.0, a, b, d, e);
    for (const auto* out : {&a, &b, &d, &e})
        check_warmup("bollinger", *out, lead + 19);
    true_range(bars.high, bars.low, c, a);
    check_warmup("true range", a, lead + 1);
    atr(bars.high, bars.low, c, 14, a);
    check_warmup("atr 14", a, lead + 14);
    roc(c, 20, a);
    check_warmup("roc 20", a, lead + 20);
    zscore(c, 20, a);
    check_warmup("zscore 20", a, lead + 19);
}

}  // namespace

TEST_CASE("warm-up lengths on a full series")
{
    check_all(0);
}

TEST_CASE("leading NaNs shift the warm-up")
{
    check_all(7);
}

TEST_CASE("a series shorter than the warm-up is all NaN, an empty one is fine")
{
    const std::vector<double> x{1, 2, 3};
    std::vector<double> out(x.size(), 0.0);
    for (auto f : {&sma, &ema, &wilder_average, &rsi, &roc, &zscore}) {
        std::fill(out.begin(), out.end(), 0.0);
        f(x, 4, out);
        CHECK(test::count_nans(out) == 3);
    }
    atr(x, x, x, 3, out);  // needs n+1 bars
    CHECK(test::count_nans(out) == 3);
    std::vector<double> empty;
    sma(empty, 3, empty);
    macd(empty, 2, 3, 2, empty, empty, empty);
    atr({}, {}, empty, 3, empty);
}
