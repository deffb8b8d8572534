// The market return series: log returns, the equal-weight market, and gaps.
#include "market_series.hpp"
#include "regime_fixtures.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace mosaic::regime;
using regime_test::kNaN;

TEST_CASE("log returns of one column, and no return spans a gap") {
  const std::vector<double> p = {100, 110, kNaN, 121, 99, 0.0, 50};
  const std::vector<double> r = log_returns(p);
  REQUIRE(r.size() == p.size());
  CHECK(std::isnan(r[0]));                               // nothing before bar 0
  CHECK(r[1] == doctest::Approx(std::log(1.1)).epsilon(1e-15));
  CHECK(std::isnan(r[2]));                               // price missing
  CHECK(std::isnan(r[3]));                               // previous price missing: no 2-bar return
  CHECK(r[4] == doctest::Approx(std::log(99.0 / 121.0)).epsilon(1e-15));
  CHECK(std::isnan(r[5]));                               // a non-positive price is not a price
  CHECK(std::isnan(r[6]));
}

TEST_CASE("equal-weight market: log of 1 + the average simple return of the assets that have one") {
  const std::vector<double> a = {100, 110, 121, kNaN, 100};
  const std::vector<double> b = {50, 45, 45, 54, 54};
  const std::vector<double> c = {kNaN, kNaN, 10, 11, kNaN};
  const std::vector<double> r = equal_weight_log_returns({a, b, c});
  REQUIRE(r.size() == 5);
  CHECK(std::isnan(r[0]));
  // bar 1: a +10%, b -10%, c none: mean 0.
  CHECK(r[1] == doctest::Approx(0.0).scale(1.0).epsilon(1e-15));
  // bar 2: a +10%, b 0%: mean 5%.
  CHECK(r[2] == doctest::Approx(std::log(1.05)).epsilon(1e-15));
  // bar 3: a missing, b +20%, c +10%: mean 15%.
  CHECK(r[3] == doctest::Approx(std::log(1.15)).epsilon(1e-15));
  // bar 4: a's previous price missing, b 0%, c missing: mean 0.
  CHECK(r[4] == doctest::Approx(0.0).scale(1.0).epsilon(1e-15));
  SUBCASE("a bar where no asset has a return is missing") {
    const std::vector<double> x = {1, kNaN, 2};
    const std::vector<double> m = equal_weight_log_returns({x});
    CHECK(std::isnan(m[1]));
    CHECK(std::isnan(m[2]));
  }
  SUBCASE("one asset: the equal-weight market is its log return") {
    const std::vector<double> m = equal_weight_log_returns({a});
    const std::vector<double> l = log_returns(a);
    for (size_t t = 0; t < a.size(); ++t) CHECK((std::isnan(m[t]) ? std::isnan(l[t]) : m[t] == doctest::Approx(l[t]).epsilon(1e-15)));
  }
}
