// No look-ahead. The output at bar t may use only returns up to t and parameters fitted on
// returns up to t:
//   (a) replacing every price after t with noise leaves every output at bars <= t
//       bit-identical (through the module, on real data, fresh instance and reused fits);
//   (b) the output is the FILTERED probability: it equals a forward-only recursion written
//       here from the definitions, and it differs clearly from the smoothed posterior
//       (which uses later returns) around a regime change, so a module publishing smoothed
//       probabilities (or a Viterbi path over the sample) would fail.
#include "hmm.hpp"
#include "market_series.hpp"
#include "regime_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

using namespace mosaic::regime;
using regime_test::Instance;

namespace {

// Prices after bar t replaced by a random walk with 4% daily moves.
regime_test::Closes noise_after(regime_test::Closes c, size_t t, uint64_t seed) {
  regime_test::Rng rng{seed};
  for (auto& [ticker, p] : c.columns) {
    double last = p[t];
    if (!std::isfinite(last)) last = 100.0;
    for (size_t u = t + 1; u < p.size(); ++u) p[u] = last = last * std::exp(0.04 * rng.normal());
  }
  return c;
}

// The filter, from its definition and nothing of the module's code: alpha_t(j) is
// proportional to sum_i alpha_{t-1}(i) A_ij N(r_t; mu_j, var_j); a missing r only predicts.
// The first fit starts from its stationary distribution at its window's first bar; each
// later fit's parameters apply from its own bar on.
std::vector<double> reference_filter(const std::vector<double>& r, const std::vector<FitRecord>& fits) {
  std::vector<double> p_high(r.size(), regime_test::kNaN);
  if (fits.empty()) return p_high;
  auto step = [&](const HmmParams& p, double a[2], double x) {
    double pred[2] = {a[0] * p.trans[0][0] + a[1] * p.trans[1][0], a[0] * p.trans[0][1] + a[1] * p.trans[1][1]};
    if (std::isnan(x)) {
      a[0] = pred[0], a[1] = pred[1];
      return;
    }
    double num[2];
    for (int j = 0; j < 2; ++j)
      num[j] = pred[j] * std::exp(-0.5 * (x - p.mean[j]) * (x - p.mean[j]) / p.var[j]) / std::sqrt(2 * std::numbers::pi * p.var[j]);
    a[0] = num[0] / (num[0] + num[1]);
    a[1] = num[1] / (num[0] + num[1]);
  };
  const HmmParams& p0 = fits[0].params;
  const double pi0 = p0.trans[1][0] / (p0.trans[0][1] + p0.trans[1][0]);
  double a[2] = {pi0, 1.0 - pi0};
  size_t next = 1;
  const HmmParams* current = &p0;
  for (size_t t = static_cast<size_t>(fits[0].first); t < r.size(); ++t) {
    if (next < fits.size() && static_cast<size_t>(fits[next].bar) == t) current = &fits[next++].params;
    step(*current, a, r[t]);
    if (t >= static_cast<size_t>(fits[0].bar)) p_high[t] = a[1];
  }
  return p_high;
}

}  // namespace

TEST_CASE("no look-ahead (a): prices after t replaced by noise leave every output at bars <= t unchanged") {
  sdktest::TestHost host;
  const regime_test::Closes real = regime_test::spisector();
  Instance reused(host);  // processes the real data first, then each noisy copy (reusing fits)
  const regime_test::Outputs base = reused.process(real);
  REQUIRE(base.status == MOSAIC_OK);
  for (size_t t : {260u, 700u, 1300u, 1386u, 2000u, 2214u}) {
    CAPTURE(t);
    const regime_test::Closes noisy = noise_after(real, t, 1000 + t);
    Instance fresh(host);
    const regime_test::Outputs a = fresh.process(noisy);
    const regime_test::Outputs b = reused.process(noisy);
    REQUIRE(a.status == MOSAIC_OK);
    REQUIRE(b.status == MOSAIC_OK);
    CHECK(regime_test::same_bits(a.p_high_vol, base.p_high_vol, t + 1));
    CHECK(regime_test::same_bits(a.state, base.state, t + 1));
    CHECK(regime_test::same_bits(b.p_high_vol, base.p_high_vol, t + 1));
    CHECK(regime_test::same_bits(b.state, base.state, t + 1));
    // The noise does change what comes after t (the test would be empty otherwise).
    if (t + 30 < real.rows())
      CHECK_FALSE(regime_test::same_bits(a.p_high_vol, base.p_high_vol, real.rows()));
    reused.process(real);  // back to the real data for the next t
  }
}

TEST_CASE("no look-ahead (b): the output is the filtered probability, not the smoothed one") {
  // Volatile (sd 3%) for 100 bars, calm (sd 1%) for 600, volatile for 150, calm for 150:
  // the first fit (bar 252) has seen both regimes, and two changes come later.
  regime_test::Rng rng{77};
  std::vector<double> returns;
  for (int t = 0; t < 1000; ++t) returns.push_back((t < 100 || (t >= 700 && t < 850) ? 0.03 : 0.01) * rng.normal());
  const std::vector<double> prices = regime_test::prices_from(returns);

  sdktest::TestHost host;
  Instance module(host, {regime_test::string_param("market", "X"), regime_test::int_param("refit_every", 50)});
  const regime_test::Outputs out = module.process({"X"}, {prices});
  REQUIRE(out.status == MOSAIC_OK);
  const std::vector<FitRecord>& fits = module.module().fits();
  REQUIRE(fits.size() >= 10);

  // 1. Equal to the forward-only recursion at every bar.
  std::vector<double> r(prices.size(), regime_test::kNaN);
  for (size_t t = 1; t < prices.size(); ++t) r[t] = std::log(prices[t] / prices[t - 1]);
  const std::vector<double> expected = reference_filter(r, fits);
  size_t compared = 0;
  for (size_t t = 0; t < r.size(); ++t) {
    CAPTURE(t);
    if (std::isnan(expected[t])) {
      CHECK(std::isnan(out.p_high_vol[t]));
      continue;
    }
    CHECK(std::fabs(out.p_high_vol[t] - expected[t]) < 1e-12);
    CHECK(out.state[t] == (out.p_high_vol[t] > 0.5 ? 1.0 : 0.0));
    ++compared;
  }
  CHECK(compared > 700);

  // 2. The smoothed posterior at t (same final parameters, whole sample) is a different
  //    series: before each change it already sees the returns to come. Published
  //    smoothed probabilities would have failed 1.
  const HmmParams& last = fits.back().params;
  std::vector<double> smoothed, filtered;
  smooth(last, std::span<const double>(r).subspan(1), smoothed);
  filter(last, std::span<const double>(r).subspan(1), filtered);
  double largest = 0.0;
  for (size_t t = 690; t < 870; ++t) largest = std::max(largest, std::fabs(smoothed[2 * (t - 1) + 1] - filtered[2 * (t - 1) + 1]));
  CHECK(largest > 0.3);
  // At the change (the first volatile return is at bar 701) the smoother, which sees the
  // volatile returns to come, crosses 0.5 before the filter does.
  auto first_above = [](auto value) {
    size_t t = 650;
    while (t < 1000 && !(value(t) > 0.5)) ++t;
    return t;
  };
  const size_t filter_cross = first_above([&](size_t t) { return out.p_high_vol[t]; });
  const size_t smooth_cross = first_above([&](size_t t) { return smoothed[2 * (t - 1) + 1]; });
  CAPTURE(filter_cross);
  CAPTURE(smooth_cross);
  CHECK(filter_cross >= 701);
  CHECK(smooth_cross < filter_cross);
}
