// The per-bar controls, and the rolling covariance behind the volatility target.
#include "fixtures.hpp"
#include "risk_controls.hpp"
#include "rolling_covariance.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <deque>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace mosaic::risk;

TEST_CASE("per-asset cap clips each |w| and hands nothing on") {
  Controls c;
  c.max_weight = 0.25;
  std::vector<double> w = {0.5, -0.4, 0.1, 0.0};
  apply_caps(w, c);
  CHECK(w == std::vector<double>{0.25, -0.25, 0.1, 0.0});
}

TEST_CASE("gross cap scales the book to sum |w| = max_gross; under it nothing moves") {
  Controls c;
  c.max_gross = 1.0;
  std::vector<double> w = {0.8, -0.6, 0.6};  // gross 2
  apply_caps(w, c);
  CHECK(w[0] == doctest::Approx(0.4));
  CHECK(w[1] == doctest::Approx(-0.3));
  CHECK(w[2] == doctest::Approx(0.3));
  std::vector<double> small = {0.3, -0.2};
  apply_caps(small, c);
  CHECK(small == std::vector<double>{0.3, -0.2});
}

TEST_CASE("net cap scales the book to |sum w| = max_net, long or short") {
  Controls c;
  c.max_net = 0.5;
  std::vector<double> w = {0.6, 0.4, -0.2};  // net 0.8
  apply_caps(w, c);
  CHECK(w[0] == doctest::Approx(0.375));
  CHECK(w[1] == doctest::Approx(0.25));
  CHECK(w[2] == doctest::Approx(-0.125));
  std::vector<double> s = {-0.9, -0.1};  // net -1
  apply_caps(s, c);
  CHECK(s[0] == doctest::Approx(-0.45));
  CHECK(s[1] == doctest::Approx(-0.05));
}

TEST_CASE("controls off (0) leave the weights alone") {
  Controls c;
  std::vector<double> w = {3.0, -2.0, 0.5};
  apply_caps(w, c);
  CHECK(w == std::vector<double>{3.0, -2.0, 0.5});
}

TEST_CASE("vol target scale: target / sigma, capped so gross stays within max_leverage") {
  const auto book = VolBasis::Book, invested = VolBasis::Invested;
  CHECK(vol_target_scale(0.20, 1.0, 0.10, 2.0, book) == doctest::Approx(0.5));
  CHECK(vol_target_scale(0.08, 1.0, 0.10, 2.0, book) == doctest::Approx(1.25));
  CHECK(vol_target_scale(0.02, 1.0, 0.10, 2.0, book) == doctest::Approx(2.0));   // would be 5
  CHECK(vol_target_scale(0.02, 0.5, 0.10, 2.0, book) == doctest::Approx(4.0));   // gross 0.5 -> 2
  CHECK(vol_target_scale(0.0, 1.0, 0.10, 2.0, book) == doctest::Approx(2.0));    // no variance
  CHECK(vol_target_scale(0.3, 0.0, 0.10, 2.0, book) == 1.0);                     // empty book
  // Invested: a fully invested book (gross >= 1) is targeted as by the book ...
  CHECK(vol_target_scale(0.20, 1.0, 0.10, 2.0, invested) == doctest::Approx(0.5));
  CHECK(vol_target_scale(0.20, 1.3, 0.10, 2.0, invested) == doctest::Approx(0.5));
  // ... one at gross 0.5 uses half the budget: 0.1 * 0.5 / 0.02 = 2.5, within 2 / 0.5 = 4.
  CHECK(vol_target_scale(0.02, 0.5, 0.10, 2.0, invested) == doctest::Approx(2.5));
  CHECK(vol_target_scale(0.20, 0.5, 0.10, 2.0, invested) == doctest::Approx(0.25));
  CHECK(vol_target_scale(0.3, 0.0, 0.10, 2.0, invested) == 1.0);
}

TEST_CASE("controls: values out of range are refused") {
  Controls c;
  c.dd_factor = 0.0;
  CHECK_THROWS_AS(c.check(), std::invalid_argument);
  c = Controls{};
  c.vol_target = -0.1;
  CHECK_THROWS_AS(c.check(), std::invalid_argument);
  c = Controls{};
  c.var_lookback = 5;
  CHECK_THROWS_AS(c.check(), std::invalid_argument);
  c = Controls{};
  c.max_leverage = 0.0;
  CHECK_THROWS_AS(c.check(), std::invalid_argument);
  CHECK_NOTHROW(Controls{}.check());
}

TEST_CASE("rolling covariance: the unbiased sample covariance of the window, NaN as 0") {
  const size_t assets = 4, window = 25;
  risk_test::Lcg rng(13);
  RollingCovariance cov;
  cov.reset(assets, window);
  std::deque<std::vector<double>> last;
  for (int t = 0; t < 300; ++t) {
    std::vector<double> r(assets);
    for (auto& x : r) x = rng.uniform() < 0.03 ? NAN : 0.01 * rng.normal() + 0.002;
    cov.push(r);
    for (auto& x : r) x = std::isfinite(x) ? x : 0.0;
    last.push_back(r);
    if (last.size() > window) last.pop_front();
    if (last.size() < 2) continue;
    const double n = double(last.size());
    std::vector<double> w = {0.3, -0.2, 0.0, 0.7};
    double quad = 0;
    for (size_t i = 0; i < assets; ++i)
      for (size_t j = 0; j < assets; ++j) {
        double mi = 0, mj = 0, s = 0;
        for (const auto& row : last) {
          mi += row[i] / n;
          mj += row[j] / n;
        }
        for (const auto& row : last) s += (row[i] - mi) * (row[j] - mj);
        s /= n - 1;
        CHECK(cov.covariance(i, j) == doctest::Approx(s).epsilon(1e-9).scale(1e-8));
        quad += w[i] * w[j] * s;
      }
    CHECK(cov.variance_of(w) == doctest::Approx(quad).epsilon(1e-9).scale(1e-8));
  }
}
