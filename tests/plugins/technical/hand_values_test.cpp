// Each indicator on a series short enough to compute by hand; the arithmetic is in the comments.

#include <doctest/doctest.h>

#include <cmath>
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

using namespace mosaic::technical;
using test::NaN;

namespace {

void check_exact(const std::vector<double>& actual, const std::vector<double>& expected)
{
    test::check_series("hand values", actual, expected, 1e-12);
}

}  // namespace

TEST_CASE("sma averages the last n values")
{
    const std::vector<double> x{2, 4, 6, 8, 10};
    std::vector<double> out(x.size());
    sma(x, 3, out);
    // (2+4+6)/3 = 4, (4+6+8)/3 = 6, (6+8+10)/3 = 8
    check_exact(out, {NaN, NaN, 4, 6, 8});
    sma(x, 1, out);
    check_exact(out, x);
}

TEST_CASE("ema is seeded with the sma and then smoothed with alpha 2/(n+1)")
{
    const std::vector<double> x{2, 4, 6, 1, 9};
    std::vector<double> out(x.size());
    ema(x, 3, out);
    // alpha = 2/4 = 0.5; seed (2+4+6)/3 = 4; 0.5*1 + 0.5*4 = 2.5; 0.5*9 + 0.5*2.5 = 5.75
    check_exact(out, {NaN, NaN, 4, 2.5, 5.75});
}

TEST_CASE("wilder_average uses alpha 1/n")
{
    const std::vector<double> x{2, 4, 6, 1, 9};
    std::vector<double> out(x.size());
    wilder_average(x, 2, out);
    // alpha = 1/2; seed (2+4)/2 = 3; .5*6+.5*3 = 4.5; .5*1+.5*4.5 = 2.75; .5*9+.5*2.75 = 5.875
    check_exact(out, {NaN, 3, 4.5, 2.75, 5.875});
    wilder_average(x, 4, out);
    // alpha = 1/4; seed (2+4+6+1)/4 = 3.25; 9/4 + 3.25*3/4 = 2.25 + 2.4375 = 4.6875
    check_exact(out, {NaN, NaN, NaN, 3.25, 4.6875});
}

TEST_CASE("rsi Wilder-smooths up and down moves, first value at index n")
{
    const std::vector<double> close{10, 11, 13, 12, 12, 15, 14};
    std::vector<double> out(close.size());
    rsi(close, 3, out);
    // changes: +1 +2 -1 0 +3 -1; alpha 1/3
    // seed: up = (1+2+0)/3 = 1, down = (0+0+1)/3 = 1/3   -> 100 * 1/(4/3)              = 75
    // 0:    up = 2/3,           down = 2/9                -> 100 * (6/9)/(8/9)           = 75
    // +3:   up = 1 + 4/9 = 13/9, down = 4/27              -> 100 * 39/43
    // -1:   up = 26/27,         down = 1/3 + 8/81 = 35/81 -> 100 * 78/113
    check_exact(out, {NaN, NaN, NaN, 75, 75, 100.0 * 39 / 43, 100.0 * 78 / 113});
}

TEST_CASE("rsi edge cases: only gains, only losses, flat")
{
    std::vector<double> out(5);
    rsi(std::vector<double>{1, 2, 3, 4, 5}, 2, out);
    check_exact(out, {NaN, NaN, 100, 100, 100});  // avg_down == 0
    rsi(std::vector<double>{5, 4, 3, 2, 1}, 2, out);
    check_exact(out, {NaN, NaN, 0, 0, 0});  // avg_up == 0
    rsi(std::vector<double>{3, 3, 3, 3, 3}, 2, out);
    check_exact(out, {NaN, NaN, NaN, NaN, NaN});  // both 0: 0/0, NaN as in TTR
    rsi(std::vector<double>{3, 3, 3, 4, 4}, 2, out);
    // seed 0/0 -> NaN; +1: up = .5, down 0 -> 100; 0: up = .25, down 0 -> 100
    check_exact(out, {NaN, NaN, NaN, 100, 100});
}

TEST_CASE("macd line, signal and histogram")
{
    const std::vector<double> x{1, 2, 4, 8, 16, 32};
    std::vector<double> line(x.size()), sig(x.size()), hist(x.size());
    macd(x, 2, 3, 2, line, sig, hist);
    // EMA2 (alpha 2/3): 1.5, 19/6, 115/18, 691/54, 4147/162   (from index 1)
    // EMA3 (alpha 1/2): 7/3, 31/6, 127/12, 511/24             (from index 2)
    // line: 19/6-7/3 = 5/6, 115/18-31/6 = 11/9, 691/54-127/12 = 239/108, 4147/162-511/24 = 2791/648
    check_exact(line, {NaN, NaN, 5.0 / 6, 11.0 / 9, 239.0 / 108, 2791.0 / 648});
    // signal EMA2 of line: seed (5/6+11/9)/2 = 37/36; 2/3*239/108 + 1/3*37/36 = 589/324;
    //                      2/3*2791/648 + 1/3*589/324 = 845/243
    check_exact(sig, {NaN, NaN, NaN, 37.0 / 36, 589.0 / 324, 845.0 / 243});
    // hist: 11/9-37/36 = 7/36; 239/108-589/324 = 32/81; 2791/648-845/243 = 1613/1944
    check_exact(hist, {NaN, NaN, NaN, 7.0 / 36, 32.0 / 81, 1613.0 / 1944});
}

TEST_CASE("bollinger uses the population standard deviation")
{
    const std::vector<double> x{1, 2, 3, 5, 5, 5};
    std::vector<double> lo(x.size()), mid(x.size()), up(x.size()), pb(x.size());
    bollinger(x, 3, 2.0, lo, mid, up, pb);
    // {1,2,3}: mean 2, var (1+0+1)/3 = 2/3             -> sd = sqrt(2/3)
    // {2,3,5}: mean 10/3, var (16+1+25)/9/3 = 14/9      -> sd = sqrt(14)/3
    // {3,5,5}: mean 13/3, var (16+4+4)/9/3 = 8/9        -> sd = sqrt(8)/3
    // {5,5,5}: flat, sd 0, bands collapse, %b undefined
    const double sd2 = std::sqrt(2.0 / 3), sd3 = std::sqrt(14.0) / 3, sd4 = std::sqrt(8.0) / 3;
    check_exact(mid, {NaN, NaN, 2, 10.0 / 3, 13.0 / 3, 5});
    check_exact(lo, {NaN, NaN, 2 - 2 * sd2, 10.0 / 3 - 2 * sd3, 13.0 / 3 - 2 * sd4, 5});
    check_exact(up, {NaN, NaN, 2 + 2 * sd2, 10.0 / 3 + 2 * sd3, 13.0 / 3 + 2 * sd4, 5});
    // %b = (x - (m - 2sd)) / 4sd = 0.5 + (x - m)/(4 sd)
    check_exact(pb, {NaN, NaN, 0.5 + 1 / (4 * sd2), 0.5 + (5 / 3.0) / (4 * sd3), 0.5 + (2 / 3.0) / (4 * sd4), NaN});
}

TEST_CASE("true range and atr")
{
    const std::vector<double> h{10, 12, 11, 13, 12}, l{8, 9, 10, 9, 11}, c{9, 11, 10, 12, 11.5};
    std::vector<double> out(c.size());
    true_range(h, l, c, out);
    // max(12,9)-min(9,9) = 3; max(11,11)-min(10,11) = 1; max(13,10)-min(9,10) = 4;
    // max(12,12)-min(11,12) = 1
    check_exact(out, {NaN, 3, 1, 4, 1});
    true_range({}, {}, c, out);
    // |11-9| = 2, |10-11| = 1, |12-10| = 2, |11.5-12| = 0.5
    check_exact(out, {NaN, 2, 1, 2, 0.5});
    atr(h, l, c, 2, out);
    // seed mean(3,1) = 2 at index 2; .5*4 + .5*2 = 3; .5*1 + .5*3 = 2
    check_exact(out, {NaN, NaN, 2, 3, 2});
    atr({}, {}, c, 2, out);
    // seed mean(2,1) = 1.5; .5*2 + .5*1.5 = 1.75; .5*.5 + .5*1.75 = 1.125
    check_exact(out, {NaN, NaN, 1.5, 1.75, 1.125});
}

TEST_CASE("roc is the discrete n-bar return")
{
    const std::vector<double> x{10, 11, 12, 13.2, 6};
    std::vector<double> out(x.size());
    roc(x, 2, out);
    // 12/10-1 = .2; 13.2/11-1 = .2; 6/12-1 = -.5
    check_exact(out, {NaN, NaN, 0.2, 0.2, -0.5});
}

TEST_CASE("zscore uses the population standard deviation and is NaN on a flat window")
{
    const std::vector<double> x{1, 2, 3, 5, 5, 5};
    std::vector<double> out(x.size());
    zscore(x, 3, out);
    // (3-2)/sqrt(2/3); (5-10/3)/(sqrt(14)/3) = 5/sqrt(14); (5-13/3)/(sqrt(8)/3) = 2/sqrt(8); flat
    check_exact(out, {NaN, NaN, 1 / std::sqrt(2.0 / 3), 5 / std::sqrt(14.0), 2 / std::sqrt(8.0), NaN});
    zscore(x, 1, out);  // a one-value window has sd 0
    CHECK(test::count_nans(out) == x.size());
}

TEST_CASE("a flat window after a moving one has exactly zero spread")
{
    // 0.3 summed three times and scaled by 1/3 is not exactly 0.3, so a computed spread would be
    // ~1e-17 rather than 0 and the z-score would be rounding noise. The flat window at index 4
    // is reached by the sliding update (n = 3 re-anchors at indices 2 and 5).
    const std::vector<double> x{1.0, 0.5, 0.3, 0.3, 0.3, 0.9};
    std::vector<double> z(x.size()), lo(x.size()), mid(x.size()), up(x.size()), pb(x.size());
    zscore(x, 3, z);
    bollinger(x, 3, 2.0, lo, mid, up, pb);
    CHECK(std::isnan(z[4]));
    CHECK(std::isnan(pb[4]));
    CHECK(lo[4] == up[4]);
    // {.3,.3,.9}: mean .5, deviations -.2 -.2 .4, var (.04+.04+.16)/3 = .08 -> z = .4/sqrt(.08)
    CHECK(z[5] == doctest::Approx(std::sqrt(2.0)).epsilon(1e-12));
}

TEST_CASE("a flat first window has no z-score and no %b")
{
    const std::vector<double> x{0.3, 0.3, 0.3, 1.2};
    std::vector<double> z(x.size()), lo(x.size()), mid(x.size()), up(x.size()), pb(x.size());
    zscore(x, 3, z);
    bollinger(x, 3, 2.0, lo, mid, up, pb);
    CHECK(std::isnan(z[2]));
    CHECK(std::isnan(pb[2]));
    CHECK(lo[2] == up[2]);
    // {.3,.3,1.2}: mean .6, deviations -.3 -.3 .6, var (.09+.09+.36)/3 = .18 -> z = .6/sqrt(.18)
    CHECK(z[3] == doctest::Approx(std::sqrt(2.0)).epsilon(1e-12));
}
