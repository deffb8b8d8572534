// Invalid parameters and mismatched spans throw std::invalid_argument naming the problem.

#include <doctest/doctest.h>

#include <limits>
#include <stdexcept>
#include <vector>

#include "indicators/atr.hpp"
#include "indicators/bollinger.hpp"
#include "indicators/ema.hpp"
#include "indicators/macd.hpp"
#include "indicators/roc.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "indicators/zscore.hpp"

using namespace mosaic::technical;
using doctest::Contains;

TEST_CASE("a period below 1 is rejected with its name and range")
{
    const std::vector<double> x(10, 1.0);
    std::vector<double> out(10);
    for (int bad : {0, -1}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH_AS(sma(x, bad, out), Contains("sma: n must be >= 1"), std::invalid_argument);
        CHECK_THROWS_WITH_AS(ema(x, bad, out), Contains("ema: n must be >= 1"), std::invalid_argument);
        CHECK_THROWS_WITH_AS(wilder_average(x, bad, out), Contains("wilder_average: n must be >= 1"),
                             std::invalid_argument);
        CHECK_THROWS_WITH_AS(rsi(x, bad, out), Contains("rsi: n must be >= 1"), std::invalid_argument);
        CHECK_THROWS_WITH_AS(roc(x, bad, out), Contains("roc: n must be >= 1"), std::invalid_argument);
        CHECK_THROWS_WITH_AS(zscore(x, bad, out), Contains("zscore: n must be >= 1"), std::invalid_argument);
        CHECK_THROWS_WITH_AS(atr(x, x, x, bad, out), Contains("atr: n must be >= 1"), std::invalid_argument);
        CHECK_THROWS_WITH_AS(bollinger(x, bad, 2.0, out, out, out, out), Contains("bollinger: n must be >= 1"),
                             std::invalid_argument);
    }
    CHECK_THROWS_WITH_AS(sma(x, 0, out), Contains("(got 0)"), std::invalid_argument);
}

TEST_CASE("macd periods")
{
    const std::vector<double> x(40, 1.0);
    std::vector<double> a(40), b(40), c(40);
    CHECK_THROWS_WITH_AS(macd(x, 0, 26, 9, a, b, c), Contains("macd: fast must be >= 1"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(macd(x, 12, 0, 9, a, b, c), Contains("macd: slow must be >= 1"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(macd(x, 12, 26, 0, a, b, c), Contains("macd: signal must be >= 1"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(macd(x, 26, 12, 9, a, b, c), Contains("fast must be < slow"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(macd(x, 12, 12, 9, a, b, c), Contains("fast must be < slow"), std::invalid_argument);
    CHECK_NOTHROW(macd(x, 1, 2, 1, a, b, c));
}

TEST_CASE("bollinger width")
{
    const std::vector<double> x(30, 1.0);
    std::vector<double> a(30), b(30), c(30), d(30);
    const double inf = std::numeric_limits<double>::infinity();
    for (double bad : {-0.5, inf, std::numeric_limits<double>::quiet_NaN()}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH_AS(bollinger(x, 20, bad, a, b, c, d), Contains("bollinger: k must be finite and >= 0"),
                             std::invalid_argument);
    }
    CHECK_NOTHROW(bollinger(x, 20, 0.0, a, b, c, d));
}

TEST_CASE("span sizes must match the input")
{
    const std::vector<double> x(10, 1.0), short_x(9, 1.0);
    std::vector<double> out(10), short_out(9);
    CHECK_THROWS_WITH_AS(sma(x, 3, short_out), Contains("sma: out has 9 values but the input has 10"),
                         std::invalid_argument);
    CHECK_THROWS_AS(ema(x, 3, short_out), std::invalid_argument);
    CHECK_THROWS_AS(wilder_average(x, 3, short_out), std::invalid_argument);
    CHECK_THROWS_AS(rsi(x, 3, short_out), std::invalid_argument);
    CHECK_THROWS_AS(roc(x, 3, short_out), std::invalid_argument);
    CHECK_THROWS_AS(zscore(x, 3, short_out), std::invalid_argument);
    std::vector<double> a(10), b(10);
    CHECK_THROWS_WITH_AS(macd(x, 2, 3, 2, a, b, short_out), Contains("macd: hist has 9"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(bollinger(x, 3, 2.0, a, b, out, short_out), Contains("bollinger: pct_b has 9"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(true_range(short_x, x, x, out), Contains("true_range: high has 9"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(atr(x, short_x, x, 3, out), Contains("atr: low has 9"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(atr(x, x, x, 3, short_out), Contains("atr: out has 9"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(true_range(x, {}, x, out), Contains("high and low must both be given or both be empty"),
                         std::invalid_argument);
    CHECK_THROWS_AS(atr({}, x, x, 3, out), std::invalid_argument);
}

TEST_CASE("outputs must not overlap inputs or each other")
{
    std::vector<double> x(10, 1.0), a(10), b(10);
    CHECK_THROWS_WITH_AS(sma(x, 3, x), Contains("sma: output must not overlap an input"), std::invalid_argument);
    CHECK_THROWS_AS(ema(std::span<const double>(x).first(5), 3, std::span<double>(x).subspan(3, 5)),
                    std::invalid_argument);
    CHECK_THROWS_AS(macd(x, 2, 3, 2, a, a, b), std::invalid_argument);
    CHECK_THROWS_AS(bollinger(x, 3, 2.0, a, b, a, x), std::invalid_argument);
    CHECK_THROWS_AS(atr(a, b, x, 3, a), std::invalid_argument);
    CHECK_NOTHROW(sma(std::span<const double>(x).first(5), 3, std::span<double>(x).subspan(5, 5)));
}
