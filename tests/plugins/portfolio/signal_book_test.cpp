// The signal methods' column-at-a-time path (SignalBook, behind PortfolioBuilder::run) must
// give exactly the bits of the bar-by-bar path, on random data with gaps, for every signal
// method, side, rebalance interval, mix of sources and regime input.
#include "fixtures.hpp"
#include "portfolio_builder.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace mosaic::portfolio;
using portfolio_test::random_prices;
using portfolio_test::random_signals;
using portfolio_test::spans;
using portfolio_test::views;

namespace {

struct Inputs {
  std::vector<std::vector<double>> close, technical, other;
  std::vector<double> regime;
  // Signals that sit exactly on -1, 0 and +1 often (as the technical module's sign mode
  // does), so ties and zero scores are exercised as well as the continuous case.
  Inputs(size_t assets, size_t bars, uint64_t seed, bool sign_scores)
      : close(random_prices(assets, bars, seed)), technical(random_signals(assets, bars, seed + 1)),
        other(random_signals(assets, bars, seed + 2)) {
    portfolio_test::Lcg rng(seed + 3);
    for (size_t t = 0; t < bars; ++t) regime.push_back(rng.uniform() < 0.1 ? NAN : 1.2 * rng.uniform() - 0.1);
    for (size_t a = 0; a < assets; ++a)
      for (size_t t = 0; t < bars; ++t) {
        if (sign_scores) technical[a][t] = technical[a][t] > 0.2 ? 1.0 : (technical[a][t] < -0.2 ? -1.0 : 0.0);
        if (rng.uniform() < 0.05) close[a][t] = NAN;
        if (rng.uniform() < 0.08) technical[a][t] = NAN;
        if (!sign_scores && rng.uniform() < 0.02) technical[a][t] = rng.uniform() < 0.5 ? INFINITY : -INFINITY;
        if (rng.uniform() < 0.08) other[a][t] = NAN;
      }
  }
  // The first source weighs 0.7, or 1 (a lone signal of weight 1 takes a path of its own).
  MarketData data(int sources, bool with_regime, double first_weight = 0.7) const {
    MarketData d;
    d.close = views(close);
    if (sources >= 1) d.signals.push_back({"signal.technical", first_weight, views(technical)});
    if (sources >= 2) d.signals.push_back({"signal.other", 0.3, views(other)});
    if (sources >= 3) d.signals.push_back({"signal.muted", 0.0, views(other)});
    if (with_regime) d.p_high_vol = regime;
    return d;
  }
};

uint64_t bits(double x) { return std::bit_cast<uint64_t>(x); }

}  // namespace

TEST_CASE("signal methods: the column path gives the bar-by-bar path's exact weights, share and count") {
  int cases = 0;
  for (size_t assets : {size_t{1}, size_t{2}, size_t{7}})
    for (bool sign_scores : {false, true}) {
      const Inputs in(assets, 157, 40 + assets + (sign_scores ? 100 : 0), sign_scores);
      for (Method m : {Method::SignalProportional, Method::EqualWeightPositive})
        for (bool long_only : {true, false})
          for (int rebalance : {1, 3, 7, 200})
            for (int sources : {0, 1, 2, 3})
              for (bool with_regime : {false, true})
                for (double first_weight : {0.7, 1.0}) {
                CAPTURE(assets);
                CAPTURE(first_weight);
                CAPTURE(sign_scores);
                CAPTURE(static_cast<int>(m));
                CAPTURE(long_only);
                CAPTURE(rebalance);
                CAPTURE(sources);
                CAPTURE(with_regime);
                Config c;
                c.method = m;
                c.long_only = long_only;
                c.rebalance = rebalance;
                c.regime_k = 0.6;
                const MarketData d = in.data(sources, with_regime, first_weight);
                std::vector<std::vector<double>> fast(assets, std::vector<double>(157, -7.0));
                std::vector<std::vector<double>> slow = fast;
                PortfolioBuilder a(c), b(c);
                a.run(d, spans(fast));
                b.run_bar_by_bar(d, spans(slow));
                size_t differ = 0;
                for (size_t k = 0; k < assets; ++k)
                  for (size_t t = 0; t < 157; ++t) differ += bits(fast[k][t]) != bits(slow[k][t]) ? 1 : 0;
                CHECK(differ == 0);
                CHECK(bits(a.eligible_share()) == bits(b.eligible_share()));
                CHECK(a.stats().rebalances == b.stats().rebalances);
                ++cases;
                }
    }
  CHECK(cases == 3 * 2 * 2 * 2 * 4 * 4 * 2 * 2);
}

TEST_CASE("signal methods: a builder reused over runs of different lengths stays exact") {
  const Inputs in(3, 90, 7, false);
  Config c;
  c.rebalance = 4;
  PortfolioBuilder fast(c), slow(c);
  for (size_t bars : {size_t{90}, size_t{1}, size_t{33}, size_t{0}, size_t{90}}) {
    CAPTURE(bars);
    MarketData d;
    std::vector<std::vector<double>> close(3), signal(3);
    for (size_t a = 0; a < 3; ++a) {
      close[a].assign(in.close[a].begin(), in.close[a].begin() + static_cast<std::ptrdiff_t>(bars));
      signal[a].assign(in.technical[a].begin(), in.technical[a].begin() + static_cast<std::ptrdiff_t>(bars));
    }
    d.close = views(close);
    d.signals.push_back({"signal.technical", 1.0, views(signal)});
    std::vector<std::vector<double>> w1(3, std::vector<double>(bars)), w2 = w1;
    fast.run(d, spans(w1));
    slow.run_bar_by_bar(d, spans(w2));
    for (size_t a = 0; a < 3; ++a)
      for (size_t t = 0; t < bars; ++t) CHECK(bits(w1[a][t]) == bits(w2[a][t]));
    CHECK(bits(fast.eligible_share()) == bits(slow.eligible_share()));
    CHECK(fast.stats().rebalances == slow.stats().rebalances);
  }
}
