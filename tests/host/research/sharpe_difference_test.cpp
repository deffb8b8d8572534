#include "host/research/sharpe_difference.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace mosaic::host::research;

TEST_CASE("research: Jobson-Korkie-Memmel from statistics, by hand") {
  // SR_a = 0.1, SR_b = 0.05, rho = 0.5, T = 1000:
  //   theta = (2 - 2*0.5 + 0.5*(0.01 + 0.0025 - 2*0.1*0.05*0.25)) / 1000
  //         = (1 + 0.5*0.01) / 1000 = 0.001005
  //   se = sqrt(0.001005) = 0.0317017350
  //   z = 0.05 / 0.0317017350 = 1.5772007447
  //   p = 2 (1 - Phi(1.5772007447)) = 0.1147493417
  //   95% CI = 0.05 -/+ 1.9599639845 * 0.0317017350 = [-0.0121342588, 0.1121342588]
  const SharpeDifferenceTest t = jobson_korkie_memmel(0.1, 0.05, 0.5, 1000);
  CHECK(t.difference == doctest::Approx(0.05));
  CHECK(t.std_error == doctest::Approx(std::sqrt(0.001005)).epsilon(1e-12));
  CHECK(t.z == doctest::Approx(1.5772007447).epsilon(1e-9));
  CHECK(t.p_value == doctest::Approx(0.1147493417).epsilon(1e-8));
  CHECK(t.ci_low == doctest::Approx(-0.0121342588).epsilon(1e-8));
  CHECK(t.ci_high == doctest::Approx(0.1121342588).epsilon(1e-8));

  // A 90% interval is narrower; the sign of the difference flips the z.
  const SharpeDifferenceTest t90 = jobson_korkie_memmel(0.1, 0.05, 0.5, 1000, 0.90);
  CHECK(t90.ci_high - t90.ci_low < t.ci_high - t.ci_low);
  const SharpeDifferenceTest swapped = jobson_korkie_memmel(0.05, 0.1, 0.5, 1000);
  CHECK(swapped.z == doctest::Approx(-t.z));
  CHECK(swapped.p_value == doctest::Approx(t.p_value));
}

TEST_CASE("research: Jobson-Korkie-Memmel from return series, by hand") {
  // a = 1,2,3,4 and b = 2,1,4,3: both have mean 2.5 and sample sd sqrt(5/3), so
  // SR_a = SR_b = 2.5 / sqrt(5/3) (SR^2 = 3.75). Deviations -1.5,-.5,.5,1.5 and
  // -.5,-1.5,1.5,.5 give rho = 3 / 5 = 0.6.
  //   theta = (2 - 1.2 + 0.5*(3.75 + 3.75 - 2*3.75*0.36)) / 4 = (0.8 + 2.4) / 4 = 0.8
  // The difference is 0, so z = 0 and p = 1.
  const std::vector<double> a = {1, 2, 3, 4}, b = {2, 1, 4, 3};
  CHECK(correlation(a, b) == doctest::Approx(0.6));
  const SharpeDifferenceTest t = jobson_korkie_memmel(a, b);
  CHECK(t.sharpe_a == doctest::Approx(2.5 / std::sqrt(5.0 / 3)));
  CHECK(t.correlation == doctest::Approx(0.6));
  CHECK(t.std_error == doctest::Approx(std::sqrt(0.8)));
  CHECK(t.z == doctest::Approx(0.0));
  CHECK(t.p_value == doctest::Approx(1.0));
  CHECK(t.ci_low == doctest::Approx(-1.9599639845 * std::sqrt(0.8)));
}

TEST_CASE("research: Jobson-Korkie-Memmel rejects bad input") {
  const std::vector<double> a = {1, 2, 3}, b = {1, 2}, flat = {1, 1, 1};
  CHECK_THROWS_AS(jobson_korkie_memmel(a, b), std::invalid_argument);
  CHECK_THROWS_AS(jobson_korkie_memmel(a, flat), std::invalid_argument);
  CHECK_THROWS_AS(jobson_korkie_memmel(0.1, 0.1, 1.0, 100), std::invalid_argument);  // identical: theta 0
  CHECK_THROWS_AS(jobson_korkie_memmel(0.1, 0.1, 1.5, 100), std::invalid_argument);
  CHECK_THROWS_AS(jobson_korkie_memmel(0.1, 0.1, 0.5, 1), std::invalid_argument);
  CHECK_THROWS_AS(jobson_korkie_memmel(0.1, 0.1, 0.5, 100, 1.0), std::invalid_argument);
}
