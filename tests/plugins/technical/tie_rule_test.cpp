// The trend rule's tie rule on ttrc, whose closes are whole cents: fast and slow SMAs that are
// equal in exact arithmetic must score exactly 0, and the crossover sign must not depend on how
// the averages were summed. The truth is integer arithmetic on the cents (ttrc_cents.hpp).

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "indicators/sma.hpp"
#include "signal_rules.hpp"
#include "support/ttrc_cents.hpp"

using namespace mosaic::technical;
using mosaic_test::ttrc;

namespace {

// technical with trend_mode = "sign", w_trend = 1 and the other rules off: the crossover alone.
SignalRules crossover(int fast, int slow, TrendMode mode = TrendMode::Sign)
{
    SignalRules r;
    r.fast = fast;
    r.slow = slow;
    r.trend_mode = mode;
    r.w_trend = 1.0;
    r.w_meanrev = 0.0;
    r.w_momentum = 0.0;
    return r;
}

std::vector<double> score(const SignalRules& r, const std::vector<double>& close)
{
    std::vector<double> out(close.size());
    SignalScratch scratch;
    score_series(r, close, out, scratch);
    return out;
}

// Moving averages summed in other orders than the module's, none of them compensated.
using Averager = std::function<std::vector<double>(const std::vector<double>&, int)>;

std::vector<double> nan_series(size_t n) { return std::vector<double>(n, std::nan("")); }

// One running sum from the first bar to the last, never re-anchored.
std::vector<double> forward_running(const std::vector<double>& x, int n)
{
    const auto w = static_cast<size_t>(n);
    auto out = nan_series(x.size());
    double sum = 0.0;
    for (size_t i = 0; i < x.size(); ++i) {
        sum += x[i];
        if (i >= w)
            sum -= x[i - w];
        if (i + 1 >= w)
            out[i] = sum / n;
    }
    return out;
}

// One running sum from the last window back to the first.
std::vector<double> backward_running(const std::vector<double>& x, int n)
{
    const auto w = static_cast<size_t>(n);
    auto out = nan_series(x.size());
    double sum = 0.0;
    for (size_t j = x.size() - w; j < x.size(); ++j)
        sum += x[j];
    for (size_t i = x.size() - 1;; --i) {
        out[i] = sum / n;
        if (i + 1 == w)
            break;
        sum += x[i - w] - x[i];
    }
    return out;
}

// Every window summed afresh, newest value first.
std::vector<double> windows_newest_first(const std::vector<double>& x, int n)
{
    const auto w = static_cast<size_t>(n);
    auto out = nan_series(x.size());
    for (size_t i = w - 1; i < x.size(); ++i) {
        double sum = 0.0;
        for (size_t j = 0; j < w; ++j)
            sum += x[i - j];
        out[i] = sum / n;
    }
    return out;
}

// A forward running sum on the series shifted up by 1000 (the sign of fast - slow is
// unchanged in exact arithmetic; every rounding is different).
std::vector<double> shifted_forward_running(const std::vector<double>& x, int n)
{
    std::vector<double> shifted(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        shifted[i] = x[i] + 1000.0;
    return forward_running(shifted, n);
}

std::vector<double> module_sma(const std::vector<double>& x, int n)
{
    std::vector<double> out(x.size());
    sma(x, n, out);
    return out;
}

}  // namespace

TEST_CASE("tie rule: ttrc fast 10 / slow 50 ties exactly on 1991-03-26 and 1993-02-05 and scores 0")
{
    const auto& s = ttrc();
    const auto prefix = mosaic_test::prefix_sums(s.cents);
    const auto sign_scores = score(crossover(10, 50), s.close);
    const auto scaled_scores = score(crossover(10, 50, TrendMode::Scaled), s.close);
    std::vector<double> fast(s.close.size()), slow(s.close.size());
    sma(s.close, 10, fast);
    sma(s.close, 50, slow);
    for (const std::string date : {"1991-03-26", "1993-02-05"}) {
        CAPTURE(date);
        const size_t t = s.index_of(date);
        // The sum of the last 10 closes times 50 equals the sum of the last 50 times 10, in cents.
        const int64_t sum10 = prefix[t + 1] - prefix[t + 1 - 10];
        const int64_t sum50 = prefix[t + 1] - prefix[t + 1 - 50];
        CHECK(sum10 * 50 == sum50 * 10);
        // The doubles agree to far inside the band, whatever their last bits are.
        CHECK(std::fabs(fast[t] - slow[t]) <= 1e-14 * slow[t]);
        CHECK(sign_scores[t] == 0.0);
        CHECK(scaled_scores[t] == 0.0);
        // Neither neighbour is a tie, so the zero is the rule's doing, not a flat stretch.
        CHECK(std::fabs(sign_scores[t - 1]) == 1.0);
        CHECK(std::fabs(sign_scores[t + 1]) == 1.0);
    }
}

TEST_CASE("tie rule: sign mode matches exact cent arithmetic on every bar of ttrc, fast 10 / slow 50")
{
    const auto& s = ttrc();
    const auto prefix = mosaic_test::prefix_sums(s.cents);
    const auto scores = score(crossover(10, 50), s.close);
    size_t ties = 0, bad = 0;
    for (size_t t = 0; t < s.close.size(); ++t) {
        if (t < 49) {
            CHECK(std::isnan(scores[t]));  // the slow average's warm-up
            continue;
        }
        const int exact = mosaic_test::exact_crossover_sign(prefix, t, 10, 50);
        ties += exact == 0 ? 1 : 0;
        if (scores[t] != exact && ++bad <= 5)
            FAIL_CHECK(s.dates[t] << ": sign mode " << scores[t] << ", exact " << exact);
    }
    CHECK(bad == 0);
    CHECK(ties == 2);
}

TEST_CASE("tie rule: the crossover sign on ttrc does not depend on summation order")
{
    const auto& s = ttrc();
    const auto prefix = mosaic_test::prefix_sums(s.cents);
    const std::vector<std::pair<const char*, Averager>> averagers = {
        {"module sma", module_sma},
        {"forward running sum", forward_running},
        {"backward running sum", backward_running},
        {"each window newest first", windows_newest_first},
        {"forward running sum on close + 1000", shifted_forward_running},
    };
    // 10/50 has the two dated ties; 5/10, 8/10, 6/12 and 4/10 have the most ties in the grid.
    const std::vector<std::pair<int, int>> pairs = {{10, 50}, {5, 10}, {8, 10}, {6, 12}, {4, 10},
                                                    {2, 10}, {20, 100}, {50, 200}};
    for (const auto& [fast, slow] : pairs) {
        for (const auto& [name, average] : averagers) {
            CAPTURE(fast);
            CAPTURE(slow);
            CAPTURE(name);
            const auto f = average(s.close, fast), sl = average(s.close, slow);
            size_t bad = 0;
            for (size_t t = static_cast<size_t>(slow) - 1; t < s.close.size(); ++t)
                bad += trend_sign(f[t], sl[t]) == mosaic_test::exact_crossover_sign(prefix, t, fast, slow) ? 0 : 1;
            CHECK(bad == 0);
        }
    }
}

TEST_CASE("tie rule: fast 2..50 x slow 10..200 step 2 on ttrc has 976 tie bars in 503 configs, all scored 0")
{
    // Issue 4's sweep grid (fast < slow). Every bar of every config is checked against exact
    // arithmetic, so sign mode is the exact crossover rule on this data, ties included.
    const auto& s = ttrc();
    const auto prefix = mosaic_test::prefix_sums(s.cents);
    std::vector<double> out(s.close.size());
    SignalScratch scratch;
    size_t configs = 0, configs_with_ties = 0, tie_bars = 0, bad = 0;
    for (int fast = 2; fast <= 50; ++fast) {
        for (int slow = 10; slow <= 200; slow += 2) {
            if (fast >= slow)
                continue;
            ++configs;
            score_series(crossover(fast, slow), s.close, out, scratch);
            size_t ties = 0;
            for (size_t t = static_cast<size_t>(slow) - 1; t < s.close.size(); ++t) {
                const int exact = mosaic_test::exact_crossover_sign(prefix, t, fast, slow);
                ties += exact == 0 ? 1 : 0;
                if (out[t] != exact && ++bad <= 5)
                    FAIL_CHECK("fast " << fast << " slow " << slow << " " << s.dates[t] << ": sign mode "
                                       << out[t] << ", exact " << exact);
            }
            tie_bars += ties;
            configs_with_ties += ties > 0 ? 1 : 0;
        }
    }
    CHECK(configs == 4263);
    CHECK(bad == 0);
    CHECK(configs_with_ties == 503);
    CHECK(tie_bars == 976);
}
