// The whole-run builder: warm-up, rebalance holding, regime scaling, missing prices, the
// constraints of each method, agreement with a direct computation, and no look-ahead.
#include "fixtures.hpp"
#include "ledoit_wolf.hpp"
#include "long_only_qp.hpp"
#include "portfolio_builder.hpp"

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace mosaic::portfolio;
using portfolio_test::random_prices;
using portfolio_test::random_signals;
using portfolio_test::spans;
using portfolio_test::views;

namespace {

constexpr Method kAllMethods[] = {Method::SignalProportional, Method::EqualWeightPositive, Method::InverseVolatility,
                                  Method::MinVariance,        Method::MeanVariance,        Method::RiskParity};

struct Run {
  std::vector<std::vector<double>> close, signal, weights;
  std::vector<double> regime;

  Run(size_t assets, size_t bars, uint64_t seed)
      : close(random_prices(assets, bars, seed)), signal(random_signals(assets, bars, seed + 1)),
        weights(assets, std::vector<double>(bars, NAN)) {
    portfolio_test::Lcg rng(seed + 2);
    for (size_t t = 0; t < bars; ++t) regime.push_back(rng.uniform());
  }
  MarketData data(bool with_signal = true, bool with_regime = true) const {
    MarketData d;
    d.close = views(close);
    if (with_signal) d.signals.push_back({"signal.technical", 1.0, views(signal)});
    if (with_regime) d.p_high_vol = regime;
    return d;
  }
  void build(const Config& c, bool with_signal = true, bool with_regime = true) {
    PortfolioBuilder b(c);
    b.run(data(with_signal, with_regime), spans(weights));
  }
  double gross(size_t t) const {
    double g = 0;
    for (const auto& w : weights) g += std::fabs(w[t]);
    return g;
  }
  double net(size_t t) const {
    double s = 0;
    for (const auto& w : weights) s += w[t];
    return s;
  }
};

Config config(Method m) {
  Config c;
  c.method = m;
  c.lookback = 40;
  c.rebalance = 7;
  c.regime_k = 0.0;
  return c;
}

}  // namespace

TEST_CASE("every method: weights are finite everywhere, and flat before the window fills") {
  for (Method m : kAllMethods) {
    CAPTURE(static_cast<int>(m));
    Run run(6, 300, 11);
    Config c = config(m);
    run.build(c);
    for (const auto& w : run.weights)
      for (double x : w) CHECK(std::isfinite(x));
    if (m == Method::SignalProportional || m == Method::EqualWeightPositive) continue;
    // The window holds returns 1..40 first at bar 40; the first rebalance after that is 42.
    for (size_t t = 0; t < 42; ++t) CHECK(run.gross(t) == 0.0);
    CHECK(run.gross(42) > 0.0);
  }
}

TEST_CASE("rebalance interval: the book changes only on rebalance bars") {
  for (Method m : kAllMethods) {
    CAPTURE(static_cast<int>(m));
    Run run(5, 250, 21);
    run.build(config(m));
    size_t changes = 0;
    for (size_t t = 1; t < 250; ++t) {
      bool changed = false;
      for (const auto& w : run.weights) changed = changed || w[t] != w[t - 1];
      if (changed) {
        CHECK(t % 7 == 0);
        ++changes;
      }
    }
    CHECK(changes > 10);
  }
}

TEST_CASE("regime conditioning: gross exposure times 1 - k p, on every bar") {
  Run run(5, 200, 31);
  Config c = config(Method::RiskParity);
  c.regime_k = 0.0;
  run.build(c);
  const auto base = run.weights;
  c.regime_k = 0.6;
  run.regime[100] = NAN;   // no regime estimate: unscaled
  run.regime[101] = 1.7;   // clipped to 1
  run.build(c);
  for (size_t t = 0; t < 200; ++t) {
    CAPTURE(t);
    const double p = std::isfinite(run.regime[t]) ? std::min(1.0, run.regime[t]) : 0.0;
    for (size_t a = 0; a < 5; ++a) CHECK(run.weights[a][t] == doctest::Approx(base[a][t] * (1 - 0.6 * p)).epsilon(1e-15));
  }
  CHECK(run.gross(100) == doctest::Approx(1.0));
  CHECK(run.gross(101) == doctest::Approx(0.4));
  // Without the regime input, nothing is scaled.
  run.build(c, true, false);
  CHECK(run.weights == base);
}

TEST_CASE("constraints: long-only methods hold w >= 0; min variance and risk parity sum to 1, mean-variance at most 1") {
  for (Method m : {Method::InverseVolatility, Method::MinVariance, Method::RiskParity, Method::MeanVariance}) {
    for (bool with_signal : {true, false}) {
      CAPTURE(static_cast<int>(m));
      CAPTURE(with_signal);
      Run run(7, 400, 41);
      Config c = config(m);
      c.risk_aversion = 2.0;
      PortfolioBuilder b(c);
      b.run(run.data(with_signal, false), spans(run.weights));
      CHECK(b.stats().unconverged == 0);
      size_t invested = 0;
      for (size_t t = 42; t < 400; ++t) {
        for (const auto& w : run.weights) CHECK(w[t] >= 0.0);
        if (m == Method::MeanVariance) {
          CHECK(run.net(t) <= 1.0 + 1e-12);
          invested += run.net(t) > 0.0 ? 1 : 0;
        } else {
          CHECK(run.net(t) == doctest::Approx(1.0).epsilon(1e-12));
        }
      }
      if (m == Method::MeanVariance) CHECK(invested > 0);
    }
  }
}

TEST_CASE("signal methods: long-only gross 1 or flat; long-short nets to 0") {
  for (Method m : {Method::SignalProportional, Method::EqualWeightPositive}) {
    CAPTURE(static_cast<int>(m));
    Run run(6, 150, 51);
    Config c = config(m);
    run.build(c, true, false);
    for (size_t t = 0; t < 150; ++t) {
      for (const auto& w : run.weights) CHECK(w[t] >= 0.0);
      CHECK((run.gross(t) == doctest::Approx(1.0) || run.gross(t) == 0.0));
    }
    c.long_only = false;
    run.build(c, true, false);
    size_t short_bars = 0;
    for (size_t t = 0; t < 150; ++t) {
      CHECK(run.net(t) == doctest::Approx(0.0).scale(1.0));
      CHECK((run.gross(t) == doctest::Approx(1.0) || run.gross(t) == 0.0));
      for (const auto& w : run.weights) short_bars += w[t] < 0.0 ? 1 : 0;
    }
    CHECK(short_bars > 0);
  }
}

TEST_CASE("without any signal: equal weight over priced assets, signal-proportional flat") {
  Run run(4, 30, 61);
  run.close[2][14] = NAN;  // no price at a rebalance bar: left out there
  Config c = config(Method::EqualWeightPositive);
  c.rebalance = 1;
  run.build(c, false, false);
  CHECK(run.weights[0][13] == 0.25);
  CHECK(run.weights[0][14] == doctest::Approx(1.0 / 3));
  CHECK(run.weights[2][14] == 0.0);
  c.method = Method::SignalProportional;
  run.build(c, false, false);
  for (size_t t = 0; t < 30; ++t) CHECK(run.gross(t) == 0.0);
}

TEST_CASE("missing prices: an asset with a gap in the window sits out until the gap leaves the window") {
  Run run(4, 200, 71);
  run.close[1][100] = NAN;  // returns 100 and 101 are missing
  Config c = config(Method::MinVariance);
  c.rebalance = 1;
  PortfolioBuilder b(c);
  b.run(run.data(false, false), spans(run.weights));
  CHECK(run.weights[1][99] > 0.0);
  // Bars 100 .. 140 hold return 100 or 101 in their 40-bar window.
  for (size_t t = 100; t <= 140; ++t) CHECK(run.weights[1][t] == 0.0);
  CHECK(run.weights[1][141] > 0.0);
  CHECK(run.net(120) == doctest::Approx(1.0));
  CHECK(b.eligible_share() == 1.0);
}

TEST_CASE("signal filter: window methods hold only assets with a positive blended score") {
  Run run(6, 200, 81);
  Config c = config(Method::RiskParity);
  c.signal_filter = true;
  run.build(c, true, false);
  for (size_t t = 42; t < 200; ++t) {
    const size_t r = t - t % 7;  // the rebalance bar whose book is held
    for (size_t a = 0; a < 6; ++a)
      if (!(run.signal[a][r] > 0.0)) CHECK(run.weights[a][t] == 0.0);
      else CHECK(run.weights[a][t] > 0.0);
  }
}

TEST_CASE("min variance in the builder equals Ledoit-Wolf + the QP on the window computed directly") {
  Run run(5, 120, 91);
  Config c = config(Method::MinVariance);
  c.rebalance = 1;
  run.build(c, false, false);
  for (size_t t : {40, 77, 119}) {
    CAPTURE(t);
    Eigen::MatrixXd X(40, 5);
    for (Eigen::Index k = 0; k < 40; ++k)
      for (Eigen::Index a = 0; a < 5; ++a) {
        const size_t bar = t - 39 + static_cast<size_t>(k);
        X(k, a) = run.close[a][bar] / run.close[a][bar - 1] - 1.0;
      }
    const Eigen::MatrixXd S = ledoit_wolf(X);
    const std::vector<double> Q(S.data(), S.data() + S.size()), zero(5, 0.0);
    std::vector<double> w(5, 0.0);
    LongOnlyQp qp;
    CHECK(qp.solve(Q, zero, Budget::FullyInvested, w).converged);
    for (size_t a = 0; a < 5; ++a) CHECK(run.weights[a][t] == doctest::Approx(w[a]).epsilon(1e-9).scale(1e-12));
  }
}

TEST_CASE("mean-variance without signals uses the sample mean; with a signal, its score as a Sharpe view") {
  // One asset with signal s: mu = s sigma_ann, Q = gamma sigma_ann^2 (shrinkage leaves one
  // variable alone), so w = s / (gamma sigma_ann), clipped to [0, 1].
  Run run(1, 100, 101);
  Config c = config(Method::MeanVariance);
  c.rebalance = 1;
  c.risk_aversion = 4.0;
  for (auto& x : run.signal[0]) x = 0.3;
  run.build(c, true, false);
  const size_t t = 80;
  double m = 0, m2 = 0;
  for (size_t k = t - 39; k <= t; ++k) {
    const double r = run.close[0][k] / run.close[0][k - 1] - 1.0;
    m += r / 40;
    m2 += r * r / 40;
  }
  const double sigma_ann = std::sqrt((m2 - m * m) * 252);
  CHECK(run.weights[0][t] == doctest::Approx(std::min(1.0, 0.3 / (4.0 * sigma_ann))).epsilon(1e-9));
  run.build(c, false, false);
  const double mu = 252 * m;
  CHECK(run.weights[0][t] == doctest::Approx(std::clamp(mu / (4.0 * sigma_ann * sigma_ann), 0.0, 1.0)).epsilon(1e-9));
}

TEST_CASE("no look-ahead: changing every input after bar t leaves the weights up to t unchanged") {
  for (Method m : kAllMethods) {
    for (size_t cut : {60, 137, 201}) {
      CAPTURE(static_cast<int>(m));
      CAPTURE(cut);
      Run run(6, 260, 111);
      Config c = config(m);
      c.regime_k = 0.5;
      run.build(c);
      const auto before = run.weights;
      portfolio_test::Lcg rng(cut);
      for (size_t t = cut + 1; t < 260; ++t) {
        for (size_t a = 0; a < 6; ++a) {
          run.close[a][t] = rng.uniform() < 0.1 ? NAN : 50.0 + 100.0 * rng.uniform();
          run.signal[a][t] = 2.0 * rng.uniform() - 1.0;
        }
        run.regime[t] = rng.uniform();
      }
      run.build(c);
      size_t differ_after = 0;
      for (size_t a = 0; a < 6; ++a) {
        for (size_t t = 0; t <= cut; ++t) CHECK(run.weights[a][t] == before[a][t]);
        for (size_t t = cut + 1; t < 260; ++t) differ_after += run.weights[a][t] != before[a][t] ? 1 : 0;
      }
      CHECK(differ_after > 0);  // the perturbation did reach the later weights
    }
  }
}

TEST_CASE("config: values out of range are refused") {
  Config c;
  c.lookback = 1;
  CHECK_THROWS_AS(PortfolioBuilder{c}, std::invalid_argument);
  c = Config{};
  c.rebalance = 0;
  CHECK_THROWS_AS(PortfolioBuilder{c}, std::invalid_argument);
  c = Config{};
  c.regime_k = 1.5;
  CHECK_THROWS_AS(PortfolioBuilder{c}, std::invalid_argument);
  CHECK(parse_method("risk_parity") == Method::RiskParity);
  CHECK_FALSE(parse_method("kelly").has_value());
}
