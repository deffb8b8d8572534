#include "host/research/deflated_sharpe.hpp"
#include "host/research/moments.hpp"
#include "host/research/normal.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace mosaic::host::research;

namespace {

struct DsrCase {
  double sharpe, skew, kurt;
  std::size_t periods, trials;
  double variance, sr0, z, dsr;
};

// Printed by tests/data/research/make_dsr_reference.py (Python statistics.NormalDist).
// The first case is the numerical example of Bailey & Lopez de Prado (2014): annual SR 2.5
// over 1250 days (250 a year), N = 100 trials, annualised V = 0.5, skew -3, kurtosis 10;
// the paper reports SR0 = 0.1132 per day and DSR = 0.9004.
const DsrCase dsr_cases[] = {
    {0.15811388300841897, -3.0, 10.0, 1250, 100, 0.002, 0.11317200186513214, 1.2838160365336546, 0.9003968344493904},
    {0.05, 0.0, 3.0, 500, 10, 0.001, 0.04979317032084743, 0.0046173401202172235, 0.5018420456515962},
    {0.1, 0.5, 4.0, 2000, 1000, 0.0005, 0.07278672979549498, 1.2434196879945685, 0.8931433905118744},
    {0.02, -1.0, 6.0, 250, 50, 0.002, 0.10179936908561904, -1.277741860297539, 0.10067023010888887},
    {0.08, 0.0, 3.0, 1000, 1, 0.003, 0.0, 2.5245208934819283, 0.9942071941095191},
};

// Same script, NormalDist().inv_cdf(p).
const double quantile_cases[][2] = {
    {1e-10, -6.361340902404056}, {0.001, -3.090232306167813},  {0.02, -2.0537489106318225},
    {0.3, -0.5244005127080407},  {0.5, 0.0},                   {0.7, 0.5244005127080407},
    {0.975, 1.9599639845400536}, {0.99, 2.3263478740408408},   {0.999999999, 5.997807019601638},
};

}  // namespace

TEST_CASE("research: normal quantile matches Python's NormalDist.inv_cdf") {
  for (const auto& c : quantile_cases) {
    CAPTURE(c[0]);
    CHECK(normal_quantile(c[0]) == doctest::Approx(c[1]).epsilon(1e-12));
  }
  CHECK(normal_quantile(0.0) == -std::numeric_limits<double>::infinity());
  CHECK(normal_quantile(1.0) == std::numeric_limits<double>::infinity());
  CHECK_THROWS_AS(normal_quantile(-0.1), std::domain_error);
  CHECK_THROWS_AS(normal_quantile(std::nan("")), std::domain_error);
}

TEST_CASE("research: normal cdf and quantile invert each other") {
  for (double x = -8.0; x <= 8.0; x += 0.25) {
    CAPTURE(x);
    const double p = normal_cdf(x);
    if (p > 0.5) continue;  // the lower half keeps full precision in p
    CHECK(normal_quantile(p) == doctest::Approx(x).epsilon(1e-12));
  }
  CHECK(normal_cdf(0.0) == 0.5);
  CHECK(normal_cdf(1.959963984540054) == doctest::Approx(0.975).epsilon(1e-14));
}

TEST_CASE("research: deflated Sharpe ratio matches the reference values") {
  for (const auto& c : dsr_cases) {
    CAPTURE(c.trials);
    const DeflatedSharpe d = deflated_sharpe(c.sharpe, c.skew, c.kurt, c.periods, c.trials, c.variance);
    CHECK(d.sharpe == c.sharpe);
    CHECK(d.expected_max_sharpe == doctest::Approx(c.sr0).epsilon(1e-10));
    CHECK(expected_max_sharpe(c.trials, c.variance) == doctest::Approx(c.sr0).epsilon(1e-10));
    CHECK(d.z == doctest::Approx(c.z).epsilon(1e-9));
    CHECK(d.probability == doctest::Approx(c.dsr).epsilon(1e-10));
  }
}

TEST_CASE("research: the paper's numerical example, to the printed digits") {
  const DeflatedSharpe d = deflated_sharpe(2.5 / std::sqrt(250.0), -3, 10, 1250, 100, 0.5 / 250);
  CHECK(d.expected_max_sharpe == doctest::Approx(0.1132).epsilon(1e-3));
  CHECK(d.probability == doctest::Approx(0.9004).epsilon(1e-4));
}

TEST_CASE("research: deflated Sharpe ratio from returns uses the sample moments") {
  const std::vector<double> r = {0.01, -0.02, 0.015, 0.03, -0.005, 0.0, 0.02, -0.01, 0.005, 0.012};
  const ReturnMoments m = return_moments(r);
  // Hand check of the moments: mean 0.0057; sum of squares 0.002319 - 10 * 0.0057^2 = 0.0019941.
  CHECK(m.mean == doctest::Approx(0.0057));
  CHECK(m.stdev == doctest::Approx(std::sqrt(0.0019941 / 9)));
  CHECK(m.sharpe == doctest::Approx(0.0057 / std::sqrt(0.0019941 / 9)));
  const DeflatedSharpe a = deflated_sharpe(r, 20, 0.01);
  const DeflatedSharpe b = deflated_sharpe(m.sharpe, m.skewness, m.kurtosis, r.size(), 20, 0.01);
  CHECK(a.probability == b.probability);
  CHECK(a.z == b.z);
}

TEST_CASE("research: more trials or more Sharpe dispersion deflate more") {
  const double p10 = deflated_sharpe(0.1, 0, 3, 1000, 10, 0.001).probability;
  const double p1000 = deflated_sharpe(0.1, 0, 3, 1000, 1000, 0.001).probability;
  const double p10wide = deflated_sharpe(0.1, 0, 3, 1000, 10, 0.004).probability;
  CHECK(p1000 < p10);
  CHECK(p10wide < p10);
  CHECK(expected_max_sharpe(5, 0.0) == 0.0);
}

TEST_CASE("research: normal moments of a symmetric series") {
  const std::vector<double> r = {-2, -1, 0, 1, 2};
  const ReturnMoments m = return_moments(r);
  CHECK(m.skewness == doctest::Approx(0.0));
  CHECK(m.kurtosis == doctest::Approx(34.0 / 5 / 4));  // m4 = 34/5, m2 = 2
}

TEST_CASE("research: deflated Sharpe ratio rejects bad input") {
  CHECK_THROWS_AS(expected_max_sharpe(0, 0.01), std::invalid_argument);
  CHECK_THROWS_AS(expected_max_sharpe(10, -0.01), std::invalid_argument);
  CHECK_THROWS_AS(deflated_sharpe(0.1, 0, 3, 1, 10, 0.01), std::invalid_argument);
  CHECK_THROWS_AS(deflated_sharpe(1.0, 5, 1, 100, 10, 0.01), std::invalid_argument);  // 1 - 5 + 0 < 0
  CHECK_THROWS_AS(return_moments(std::vector<double>{1.0}), std::invalid_argument);
  CHECK_THROWS_AS(return_moments(std::vector<double>{1.0, 1.0}), std::invalid_argument);
}
