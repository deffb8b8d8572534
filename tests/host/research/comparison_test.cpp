#include "host/research/comparison.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

std::vector<double> noise(std::size_t n, double mean, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> d(mean, 0.01);
  std::vector<double> r(n);
  for (auto& x : r) x = d(rng);
  return r;
}

BootstrapSettings settings() {
  BootstrapSettings b;
  b.resamples = 400;
  b.mean_block_length = 5;
  b.seed = 11;
  return b;
}

}  // namespace

TEST_CASE("research: common bars of two calendars") {
  const std::vector<std::int64_t> a = {1, 2, 3, 5, 8}, b = {0, 2, 3, 4, 8, 9};
  const CommonBars c = common_bars(a, b);
  CHECK(c.a == std::vector<std::size_t>{1, 2, 4});
  CHECK(c.b == std::vector<std::size_t>{1, 2, 4});
  CHECK(common_bars(a, std::vector<std::int64_t>{6, 7}).a.empty());
}

TEST_CASE("research: excess returns skip the first bar and take off the per-period risk-free rate") {
  BacktestResult r;
  r.bars = 3;
  r.returns = {0.0, 0.01, -0.02};
  const auto x = excess_returns(r, {0.0, 0.0, 252});
  CHECK(x == std::vector<double>{0.01, -0.02});
  const double rf = std::pow(1.05, 1.0 / 252) - 1;
  CHECK(excess_returns(r, {0.0, 0.05, 252})[0] == doctest::Approx(0.01 - rf));
}

TEST_CASE("research: identical return streams compare as no difference without crashing") {
  const std::vector<double> x = noise(500, 0.0005, 1);
  const SharpeComparison c = compare_sharpe(x, x, 252, settings());
  CHECK(c.identical);
  CHECK(c.difference == 0);
  CHECK(c.difference_annualised == 0);
  REQUIRE(c.correlation);
  CHECK(*c.correlation == 1);
  CHECK_FALSE(c.jobson_korkie_memmel);  // no sampling variance: the test does not apply
  REQUIRE(c.bootstrap);
  CHECK(c.bootstrap->estimate == 0);
  CHECK(c.bootstrap->low == 0);
  CHECK(c.bootstrap->high == 0);
  CHECK(c.bootstrap->p_value == 1);
  CHECK(c.bootstrap->replicates.empty());
  REQUIRE_FALSE(c.notes.empty());
  CHECK(c.notes.back().find("exactly 0") != std::string::npos);
}

TEST_CASE("research: the Sharpe comparison agrees with Jobson-Korkie-Memmel and sees a real edge") {
  const std::vector<double> a = noise(2000, 0.0, 2);
  std::vector<double> b = noise(2000, 0.0, 3);
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = 0.5 * a[i] + 0.5 * b[i] + 0.002;
  const SharpeComparison c = compare_sharpe(a, b, 252, settings());
  CHECK_FALSE(c.identical);
  REQUIRE(c.jobson_korkie_memmel);
  REQUIRE(c.bootstrap);
  // B - A, and the direct computation of the test on (b, a).
  const SharpeDifferenceTest direct = jobson_korkie_memmel(std::span<const double>(b), std::span<const double>(a));
  CHECK(c.difference == doctest::Approx(direct.difference));
  CHECK(c.jobson_korkie_memmel->z == doctest::Approx(direct.z));
  CHECK(*c.correlation == doctest::Approx(correlation(a, b)));
  CHECK(c.difference_annualised == doctest::Approx(c.difference * std::sqrt(252.0)));
  CHECK(c.difference > 0);
  CHECK(c.jobson_korkie_memmel->p_value < 0.01);
  CHECK(c.bootstrap->low > 0);
  CHECK(c.bootstrap->p_value < 0.05);
}

TEST_CASE("research: a constant stream leaves the Sharpe tests out and says why") {
  const std::vector<double> flat(100, 0.0), x = noise(100, 0.0, 4);
  const SharpeComparison c = compare_sharpe(flat, x, 252, settings());
  CHECK(std::isnan(c.sharpe_a));
  CHECK_FALSE(c.correlation);
  CHECK_FALSE(c.jobson_korkie_memmel);
  CHECK_FALSE(c.bootstrap);
  REQUIRE(c.notes.size() == 1);
  CHECK(c.notes[0].find("A's returns are constant") != std::string::npos);
  CHECK_THROWS_AS(compare_sharpe(flat, std::vector<double>(99, 0.0), 252, settings()), std::invalid_argument);
}
