// The missing-value policy (see indicators/valid_bars.hpp): an indicator over a series with
// gaps equals the same indicator over the series with the gaps cut out, scattered back, with
// NaN at the missing bars.

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <string>
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
using test::NaN;

namespace {

using Series = std::vector<double>;
// Computes one output series from (high, low, close).
using Indicator = std::function<Series(const Series&, const Series&, const Series&)>;

Series one(void (*f)(std::span<const double>, int, std::span<double>), int n, const Series& c)
{
    Series out(c.size());
    f(c, n, out);
    return out;
}

std::vector<std::pair<const char*, Indicator>> indicators()
{
    auto close_only = [](auto f, int n) {
        return [f, n](const Series&, const Series&, const Series& c) { return one(f, n, c); };
    };
    auto macd_part = [](int part) {
        return [part](const Series&, const Series&, const Series& c) {
            Series out[3] = {Series(c.size()), Series(c.size()), Series(c.size())};
            macd(c, 12, 26, 9, out[0], out[1], out[2]);
            return out[part];
        };
    };
    auto bb_part = [](int part) {
        return [part](const Series&, const Series&, const Series& c) {
            Series out[4] = {Series(c.size()), Series(c.size()), Series(c.size()), Series(c.size())};
            bollinger(c, 20, 2.0, out[0], out[1], out[2], out[3]);
            return out[part];
        };
    };
    return {
        {"sma", close_only(&sma, 20)},
        {"ema", close_only(&ema, 20)},
        {"wilder", close_only(&wilder_average, 14)},
        {"rsi", close_only(&rsi, 14)},
        {"roc", close_only(&roc, 20)},
        {"zscore", close_only(&zscore, 20)},
        {"macd line", macd_part(0)},
        {"macd signal", macd_part(1)},
        {"macd hist", macd_part(2)},
        {"bb lower", bb_part(0)},
        {"bb middle", bb_part(1)},
        {"bb upper", bb_part(2)},
        {"bb pct_b", bb_part(3)},
        {"true range", [](const Series& h, const Series& l, const Series& c) {
             Series out(c.size());
             true_range(h, l, c, out);
             return out;
         }},
        {"true range, close only", [](const Series&, const Series&, const Series& c) {
             Series out(c.size());
             true_range({}, {}, c, out);
             return out;
         }},
        {"atr", [](const Series& h, const Series& l, const Series& c) {
             Series out(c.size());
             atr(h, l, c, 14, out);
             return out;
         }},
    };
}

}  // namespace

TEST_CASE("an indicator over gaps equals the indicator over the compacted series")
{
    auto bars = test::random_walk(300);
    const double inf = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < 5; ++i)
        bars.close[i] = NaN;  // not listed yet
    bars.close[40] = bars.close[41] = NaN;
    bars.close[100] = inf;  // any non-finite value counts as missing
    bars.close[299] = NaN;
    bars.high[177] = NaN;  // for ATR/TR the bar is missing if high or low is
    bars.low[250] = -inf;

    for (const auto& [name, f] : indicators()) {
        INFO(name);
        const bool uses_hl = std::string(name) == "true range" || std::string(name) == "atr";
        std::vector<std::size_t> valid;
        test::Bars dense;
        for (std::size_t i = 0; i < bars.close.size(); ++i) {
            const bool ok = std::isfinite(bars.close[i]) &&
                            (!uses_hl || (std::isfinite(bars.high[i]) && std::isfinite(bars.low[i])));
            if (!ok)
                continue;
            valid.push_back(i);
            dense.high.push_back(bars.high[i]);
            dense.low.push_back(bars.low[i]);
            dense.close.push_back(bars.close[i]);
        }
        REQUIRE(valid.size() == (uses_hl ? 289u : 291u));

        const Series expected_dense = f(dense.high, dense.low, dense.close);
        Series expected(bars.close.size(), NaN);
        for (std::size_t k = 0; k < valid.size(); ++k)
            expected[valid[k]] = expected_dense[k];
        // Same kernel on the same values: the results must be identical, not merely close.
        test::check_series(name, f(bars.high, bars.low, bars.close), expected, 0.0);
    }
}

TEST_CASE("state carries across a gap, worked by hand")
{
    Series out(6);
    sma(Series{1, NaN, 3, 5, NaN, 9}, 2, out);
    // windows of valid values: {1,3} -> 2, {3,5} -> 4, {5,9} -> 7
    test::check_series("sma", out, Series{NaN, NaN, 2, 4, NaN, 7}, 1e-12);

    ema(Series{2, NaN, 4, NaN, 6, 1}, 3, out);
    // valid 2,4,6,1: seed (2+4+6)/3 = 4 at the third valid bar; .5*1 + .5*4 = 2.5
    test::check_series("ema", out, Series{NaN, NaN, NaN, NaN, 4, 2.5}, 1e-12);

    roc(Series{10, NaN, 11, 12, NaN, 6}, 1, out);
    // 11/10-1, 12/11-1, 6/12-1: the base is the previous VALID value
    test::check_series("roc", out, Series{NaN, NaN, 0.1, 12.0 / 11 - 1, NaN, -0.5}, 1e-12);

    Series tr(4);
    true_range(Series{10, 12, 11, 13}, Series{8, 9, 10, 9}, Series{9, NaN, 10, 12}, tr);
    // bar 2 uses the last valid close, 9: max(11,9)-min(10,9) = 2; bar 3: max(13,10)-min(9,10) = 4
    test::check_series("true range", tr, Series{NaN, NaN, 2, 4}, 1e-12);
}

TEST_CASE("an all-missing series gives all NaN")
{
    const Series x(30, NaN);
    for (const auto& [name, f] : indicators()) {
        INFO(name);
        CHECK(test::count_nans(f(x, x, x)) == x.size());
    }
}

TEST_CASE("gappy calls leave no state behind for the next call")
{
    // The gap path reuses a per-thread scratch buffer; a later call on a clean series, and a
    // repeat of the gappy one, must not see anything from it.
    const auto bars = test::random_walk(120);
    Series gappy = bars.close;
    gappy[60] = NaN;
    Series first(120), second(120), clean(120), clean_again(120);
    zscore(gappy, 10, first);
    zscore(bars.close, 10, clean);
    zscore(gappy, 10, second);
    zscore(bars.close, 10, clean_again);
    test::check_series("gappy twice", second, first, 0.0);
    test::check_series("clean twice", clean_again, clean, 0.0);
}
