// The allocation rules without an optimiser, and how signals are blended.
#include "allocation.hpp"
#include "signal_weights.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace mosaic::portfolio;
using doctest::Contains;

TEST_CASE("signal-proportional: long-only sums to 1 over positive scores; long-short nets to 0") {
  const std::vector<double> s = {0.5, -0.2, 0.3, NAN};
  std::vector<double> w(4);
  signal_proportional(s, true, w);  // (0.5, 0.3) / 0.8
  CHECK(w[0] == doctest::Approx(0.625));
  CHECK(w[1] == 0.0);
  CHECK(w[2] == doctest::Approx(0.375));
  CHECK(w[3] == 0.0);
  signal_proportional(s, false, w);  // mean 0.2: (0.3, -0.4, 0.1) / 0.8
  CHECK(w[0] == doctest::Approx(0.375));
  CHECK(w[1] == doctest::Approx(-0.5));
  CHECK(w[2] == doctest::Approx(0.125));
  CHECK(w[3] == 0.0);
  CHECK(std::accumulate(w.begin(), w.end(), 0.0) == doctest::Approx(0.0).scale(1));
  double gross = 0;
  for (double x : w) gross += std::fabs(x);
  CHECK(gross == doctest::Approx(1.0));
  // No positive score: flat, not NaN.
  const std::vector<double> neg = {-0.1, -0.2, NAN, NAN};
  signal_proportional(neg, true, w);
  CHECK(w == std::vector<double>(4, 0.0));
  const std::vector<double> none(4, NAN);
  signal_proportional(none, false, w);
  CHECK(w == std::vector<double>(4, 0.0));
}

TEST_CASE("equal weight on positive scores") {
  const std::vector<double> s = {0.5, -0.2, 0.3, 0.0, NAN};
  std::vector<double> w(5);
  equal_weight_positive(s, true, w);
  CHECK(w == std::vector<double>{0.5, 0.0, 0.5, 0.0, 0.0});
  equal_weight_positive(s, false, w);
  CHECK(w == std::vector<double>{0.25, -0.5, 0.25, 0.0, 0.0});
  const std::vector<double> only_long = {0.5, 0.2};
  std::vector<double> w2(2);
  equal_weight_positive(only_long, false, w2);  // long-short needs both sides
  CHECK(w2 == std::vector<double>{0.0, 0.0});
}

TEST_CASE("inverse volatility") {
  const std::vector<double> vol = {0.1, 0.2, 0.4, NAN, 0.0};
  std::vector<double> w(5);
  inverse_volatility(vol, w);  // 10, 5, 2.5 over 17.5
  CHECK(w[0] == doctest::Approx(10 / 17.5));
  CHECK(w[1] == doctest::Approx(5 / 17.5));
  CHECK(w[2] == doctest::Approx(2.5 / 17.5));
  CHECK(w[3] == 0.0);
  CHECK(w[4] == 0.0);
}

TEST_CASE("signal weights: the string, then the per-source numbers, then w_other") {
  SignalWeights sw;
  sw.technical = 0.4;
  sw.sentiment = 0.2;
  sw.other = 0.7;
  sw.named = SignalWeights::parse(" momentum:0.5 , signal.technical:2,carry:0");
  CHECK(sw.weight("signal.technical") == 2.0);  // the string wins
  CHECK(sw.weight("signal.sentiment") == 0.2);
  CHECK(sw.weight("sentiment") == 0.2);
  CHECK(sw.weight("signal.momentum") == 0.5);
  CHECK(sw.weight("signal.carry") == 0.0);
  CHECK(sw.weight("signal.unknown") == 0.7);
  CHECK(SignalWeights::parse("").empty());
  CHECK(SignalWeights::parse("  ").empty());
}

TEST_CASE("signal weights: malformed strings are refused, naming the item") {
  CHECK_THROWS_WITH_AS(SignalWeights::parse("technical"), Contains("item 'technical': expected source:weight"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(SignalWeights::parse("technical:x"), Contains("weight must be a finite number >= 0"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(SignalWeights::parse("technical:-1"), Contains("'technical:-1'"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(SignalWeights::parse("technical:1,"), Contains("item ''"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(SignalWeights::parse("a b:1"), Contains("source name"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(SignalWeights::parse("x:1,signal.x:2"), Contains("named twice"), std::invalid_argument);
  CHECK_THROWS_AS(SignalWeights::parse("x:inf"), std::invalid_argument);
}

TEST_CASE("blend: weighted mean over the sources with a value") {
  const std::vector<double> a0 = {0.5, NAN, NAN}, b0 = {-0.1, 0.4, NAN}, c0 = {1.0, 1.0, 1.0};
  std::vector<SignalSource> sources = {{"signal.technical", 1.0, {a0}}, {"signal.sentiment", 0.5, {b0}},
                                       {"signal.zero", 0.0, {c0}}};
  CHECK(blend_at(sources, 0, 0) == doctest::Approx((0.5 - 0.05) / 1.5));
  CHECK(blend_at(sources, 0, 1) == doctest::Approx(0.4));  // only sentiment has a value
  CHECK(std::isnan(blend_at(sources, 0, 2)));              // a zero weight is no view
}
