#include "host/research/bootstrap.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

using namespace mosaic::host::research;

namespace {

std::vector<double> normals(std::size_t n, double mean, double sd, std::mt19937_64& rng) {
  std::normal_distribution<double> dist(mean, sd);
  std::vector<double> v(n);
  for (auto& x : v) x = dist(rng);
  return v;
}

double mean_of(std::span<const double> x) {
  double s = 0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}

// Mean length of the runs of consecutive (circular) indices.
double mean_run_length(const std::vector<std::size_t>& idx) {
  std::size_t runs = 1;
  for (std::size_t i = 1; i < idx.size(); ++i)
    if (idx[i] != (idx[i - 1] + 1) % idx.size()) ++runs;
  return static_cast<double>(idx.size()) / static_cast<double>(runs);
}

}  // namespace

TEST_CASE("research: stationary bootstrap indices have the right length and range") {
  std::mt19937_64 rng(3);
  for (std::size_t n : {1u, 2u, 17u, 500u}) {
    const auto idx = stationary_bootstrap_indices(n, 4.0, rng);
    CHECK(idx.size() == n);
    for (auto i : idx) CHECK(i < n);
  }
  CHECK(stationary_bootstrap_indices(0, 4.0, rng).empty());
}

TEST_CASE("research: stationary bootstrap is reproducible from the seed") {
  std::mt19937_64 a(11), b(11), c(12);
  const auto x = stationary_bootstrap_indices(200, 5.0, a);
  CHECK(x == stationary_bootstrap_indices(200, 5.0, b));
  CHECK(x != stationary_bootstrap_indices(200, 5.0, c));
}

TEST_CASE("research: stationary bootstrap mean block length matches on average") {
  // Runs can merge when a new block happens to start right after the last index (chance
  // 1/n), which is negligible for n = 200000.
  std::mt19937_64 rng(5);
  for (double L : {1.0, 5.0, 20.0}) {
    CAPTURE(L);
    const auto idx = stationary_bootstrap_indices(200000, L, rng);
    CHECK(mean_run_length(idx) == doctest::Approx(L).epsilon(0.05));
  }
}

TEST_CASE("research: bootstrap interval of the mean covers the truth at about the nominal rate") {
  std::mt19937_64 rng(2024);
  const int datasets = 200;
  int covered = 0;
  for (int d = 0; d < datasets; ++d) {
    const auto x = normals(100, 0.5, 1.0, rng);
    BootstrapSettings s;
    s.resamples = 400;
    s.seed = 100 + static_cast<std::uint64_t>(d);
    const BootstrapInterval ci = bootstrap_interval(x, mean_of, s);
    CHECK(ci.low <= ci.estimate);
    CHECK(ci.estimate <= ci.high);
    if (ci.low <= 0.5 && 0.5 <= ci.high) ++covered;
  }
  const double rate = static_cast<double>(covered) / datasets;
  MESSAGE("coverage of the nominal 95% interval: ", rate);
  // Binomial sd at 0.95 over 200 datasets is about 0.015; percentile intervals at n = 100
  // run slightly short.
  CHECK(rate > 0.89);
  CHECK(rate < 0.99);
}

TEST_CASE("research: bootstrap interval details") {
  std::mt19937_64 rng(9);
  const auto x = normals(250, 0.0, 1.0, rng);
  BootstrapSettings s;
  s.resamples = 2000;
  s.mean_block_length = 5;
  const BootstrapInterval ci = bootstrap_interval(x, mean_of, s);
  CHECK(ci.replicates.size() == 2000);
  CHECK(ci.estimate == doctest::Approx(mean_of(x)));
  // The standard error of a mean of 250 iid N(0, 1) is about 1/sqrt(250) = 0.063.
  CHECK(ci.std_error == doctest::Approx(1 / std::sqrt(250.0)).epsilon(0.2));
  // Same settings, same answer.
  const BootstrapInterval again = bootstrap_interval(x, mean_of, s);
  CHECK(again.low == ci.low);
  CHECK(again.high == ci.high);
  // Narrower at lower confidence.
  s.confidence = 0.5;
  const BootstrapInterval half = bootstrap_interval(x, mean_of, s);
  CHECK(half.high - half.low < ci.high - ci.low);
}

TEST_CASE("research: paired bootstrap keeps the series aligned") {
  std::mt19937_64 rng(21);
  const auto a = normals(300, 0.0, 1.0, rng);
  std::vector<double> b = a;
  for (auto& v : b) v += 1.0;  // b - a is exactly 1 in every period
  BootstrapSettings s;
  s.resamples = 200;
  s.mean_block_length = 3;
  const BootstrapInterval ci = bootstrap_interval(
      a, b, [](std::span<const double> x, std::span<const double> y) { return mean_of(y) - mean_of(x); }, s);
  // Aligned resampling keeps the difference exactly 1; misaligned would spread it.
  CHECK(ci.low == doctest::Approx(1.0));
  CHECK(ci.high == doctest::Approx(1.0));
}

TEST_CASE("research: Sharpe difference bootstrap") {
  std::mt19937_64 rng(77);
  const auto noise_a = normals(1000, 0.0, 0.01, rng);
  const auto noise_b = normals(1000, 0.0, 0.01, rng);
  std::vector<double> good(noise_a), bad(noise_b), twin(noise_b);
  for (auto& v : good) v += 0.003;  // Sharpe about 0.3 a period
  for (std::size_t i = 0; i < twin.size(); ++i) twin[i] = 0.5 * noise_a[i] + 0.5 * noise_b[i];
  BootstrapSettings s;
  s.resamples = 500;
  s.mean_block_length = 5;
  const BootstrapInterval clear = sharpe_difference_bootstrap(good, bad, s);
  CHECK(clear.low > 0);
  CHECK(clear.p_value < 0.01);
  const BootstrapInterval none = sharpe_difference_bootstrap(noise_a, twin, s);
  CHECK(none.low < none.estimate);
  CHECK(none.high > none.estimate);
  CHECK(none.p_value > clear.p_value);
}

TEST_CASE("research: bootstrap rejects bad input") {
  std::mt19937_64 rng(1);
  const std::vector<double> x = {1, 2, 3}, y = {1, 2};
  CHECK_THROWS_AS(stationary_bootstrap_indices(10, 0.5, rng), std::invalid_argument);
  CHECK_THROWS_AS(stationary_bootstrap_indices(10, std::nan(""), rng), std::invalid_argument);
  CHECK_THROWS_AS(bootstrap_interval(std::vector<double>{}, mean_of), std::invalid_argument);
  BootstrapSettings s;
  s.resamples = 0;
  CHECK_THROWS_AS(bootstrap_interval(x, mean_of, s), std::invalid_argument);
  s = {};
  s.confidence = 1.0;
  CHECK_THROWS_AS(bootstrap_interval(x, mean_of, s), std::invalid_argument);
  CHECK_THROWS_AS(sharpe_difference_bootstrap(x, y), std::invalid_argument);
  CHECK_THROWS_AS(sharpe_difference_bootstrap(x, std::vector<double>{2, 2, 2}), std::invalid_argument);
}
