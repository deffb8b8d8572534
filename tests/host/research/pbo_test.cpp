#include "host/research/pbo.hpp"

#include "pbo_reference.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

using namespace mosaic::host::research;

namespace {

// periods x configs of iid N(0, 0.01) returns, row-major; config `edge` (if < configs)
// gets `drift` added to every return.
std::vector<double> noise(std::size_t periods, std::size_t configs, std::uint64_t seed,
                          std::size_t edge = SIZE_MAX, double drift = 0) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> dist(0.0, 0.01);
  std::vector<double> r(periods * configs);
  for (std::size_t t = 0; t < periods; ++t)
    for (std::size_t n = 0; n < configs; ++n) r[t * configs + n] = dist(rng) + (n == edge ? drift : 0.0);
  return r;
}

}  // namespace

TEST_CASE("research: PBO tiny hand case, consistent winner") {
  // T = 4, N = 2, S = 2 (blocks rows 0-1 and 2-3), row-major {config0, config1}.
  // config0 = 1,3 | 2,4: Sharpe 2/sqrt(2) and 3/sqrt(2) (each block's sample sd is sqrt(2)).
  // config1 = 0,1 | 0,1: Sharpe 0.5/sqrt(0.5) = 0.707 in both blocks.
  // Either way config0 wins in sample and ranks 2 of 2 out of sample:
  // omega = 2/3, lambda = ln 2 > 0, PBO = 0.
  const std::vector<double> r = {1, 0, 3, 1, 2, 0, 4, 1};
  const PboResult p = probability_of_backtest_overfitting(r, 4, 2, 2);
  CHECK(p.combinations == 2);
  REQUIRE(p.logits.size() == 2);
  CHECK(p.logits[0] == doctest::Approx(std::log(2.0)));
  CHECK(p.logits[1] == doctest::Approx(std::log(2.0)));
  CHECK(p.pbo == 0.0);
}

TEST_CASE("research: PBO tiny hand case, the in-sample winner always loses") {
  // config0 = 1,3 | -1,0: Sharpe 1.414 then -0.707; config1 = 0,1 | 0,1: 0.707 in both.
  // Block 0 in sample: config0 wins (1.414 > 0.707), out of sample -0.707 < 0.707: rank 1.
  // Block 1 in sample: config1 wins (0.707 > -0.707), out of sample 0.707 < 1.414: rank 1.
  // omega = 1/3, lambda = ln(1/2) <= 0 both times: PBO = 1.
  const std::vector<double> r = {1, 0, 3, 1, -1, 0, 0, 1};
  const PboResult p = probability_of_backtest_overfitting(r, 4, 2, 2);
  REQUIRE(p.logits.size() == 2);
  CHECK(p.logits[0] == doctest::Approx(-std::log(2.0)));
  CHECK(p.logits[1] == doctest::Approx(-std::log(2.0)));
  CHECK(p.pbo == 1.0);
}

TEST_CASE("research: PBO counts C(S, S/2) combinations and handles uneven blocks") {
  const auto r = noise(103, 5, 7);
  const PboResult p = probability_of_backtest_overfitting(r, 103, 5, 6);
  CHECK(p.combinations == 20);
  CHECK(p.logits.size() == 20);
  CHECK(probability_of_backtest_overfitting(noise(400, 4, 1), 400, 4).combinations == 12870);
}

TEST_CASE("research: PBO of pure noise is about one half") {
  // One seeded draw is noisy (the combinations share data), so average over seeds.
  double total = 0;
  const int seeds = 32;
  for (int s = 0; s < seeds; ++s) {
    const auto r = noise(800, 40, 1000 + static_cast<std::uint64_t>(s));
    const double pbo = probability_of_backtest_overfitting(r, 800, 40, 16).pbo;
    total += pbo;
  }
  const double mean = total / seeds;
  MESSAGE("mean PBO over ", seeds, " seeds: ", mean);
  CHECK(mean > 0.4);
  CHECK(mean < 0.6);
}

TEST_CASE("research: PBO with one real edge is low") {
  // Config 3 earns 0.3 sd a period more than the others.
  const auto r = noise(800, 40, 42, 3, 0.003);
  const PboResult p = probability_of_backtest_overfitting(r, 800, 40, 16);
  CHECK(p.pbo < 0.1);
}

TEST_CASE("research: PBO rejects bad input") {
  const auto r = noise(100, 3, 1);
  CHECK_THROWS_AS(probability_of_backtest_overfitting(r, 100, 3, 15), std::invalid_argument);
  CHECK_THROWS_AS(probability_of_backtest_overfitting(r, 100, 3, 0), std::invalid_argument);
  CHECK_THROWS_AS(probability_of_backtest_overfitting(r, 100, 3, 32), std::invalid_argument);
  CHECK_THROWS_AS(probability_of_backtest_overfitting(r, 99, 3, 16), std::invalid_argument);
  CHECK_THROWS_AS(probability_of_backtest_overfitting(noise(100, 1, 1), 100, 1, 16), std::invalid_argument);
  CHECK_THROWS_AS(probability_of_backtest_overfitting(noise(3, 3, 1), 3, 3, 2), std::invalid_argument);
  auto bad = r;
  bad[5] = std::nan("");
  CHECK_THROWS_AS(probability_of_backtest_overfitting(bad, 100, 3, 16), std::invalid_argument);
}

TEST_CASE("research: PBO from block moments agrees with the matrix implementation it replaced") {
  struct Shape {
    std::size_t periods, configs, blocks;
  };
  // Uneven blocks, few and many configurations, S from 2 to 16.
  // S = 16 works on tiles of 64 configurations: 200 crosses three tile boundaries.
  for (const Shape sh : {Shape{4, 2, 2}, Shape{103, 5, 6}, Shape{257, 37, 10}, Shape{500, 64, 16}, Shape{97, 9, 16},
                         Shape{160, 200, 16}}) {
    CAPTURE(sh.periods);
    CAPTURE(sh.configs);
    CAPTURE(sh.blocks);
    auto r = noise(sh.periods, sh.configs, 11 * sh.configs + sh.blocks, 1, 0.002);
    // Ties out of sample and zero-variance halves: a copy of config 0 and a constant config.
    if (sh.configs >= 5)
      for (std::size_t t = 0; t < sh.periods; ++t) {
        r[t * sh.configs + 3] = r[t * sh.configs + 0];
        r[t * sh.configs + 4] = 0.001;
      }
    // A copy of the edge config in a later tile: ties between tiles go to the lower index.
    if (sh.configs >= 200)
      for (std::size_t t = 0; t < sh.periods; ++t) r[t * sh.configs + 150] = r[t * sh.configs + 1];
    const PboResult want = mosaic_test::reference_pbo(r, sh.periods, sh.configs, sh.blocks);
    for (int threads : {1, 2, 3}) {
      CAPTURE(threads);
      const PboResult got = probability_of_backtest_overfitting(r, sh.periods, sh.configs, sh.blocks, threads);
      CHECK(got.combinations == want.combinations);
      CHECK(got.pbo == want.pbo);
      REQUIRE(got.logits.size() == want.logits.size());
      double worst = 0;
      for (std::size_t k = 0; k < got.logits.size(); ++k)
        worst = std::max(worst, std::abs(got.logits[k] - want.logits[k]));
      CHECK(worst <= 1e-12);
    }
  }
}

TEST_CASE("research: PBO from each configuration's own block moments equals the matrix form") {
  const std::size_t periods = 301, configs = 12, blocks = 8;
  const auto r = noise(periods, configs, 5, 2, 0.001);
  std::vector<BlockMoments> moments;
  for (std::size_t n = 0; n < configs; ++n) {
    std::vector<double> column(periods);
    for (std::size_t t = 0; t < periods; ++t) column[t] = r[t * configs + n];
    moments.push_back(block_moments(column, blocks));
  }
  std::vector<const BlockMoments*> views;
  for (const auto& m : moments) views.push_back(&m);
  const PboResult from_moments = probability_of_backtest_overfitting(moment_table(views), 2);
  const PboResult from_matrix = probability_of_backtest_overfitting(r, periods, configs, blocks);
  CHECK(from_moments.logits == from_matrix.logits);
  CHECK(from_moments.pbo == from_matrix.pbo);
}

TEST_CASE("research: a moment table refuses configurations of different lengths") {
  const BlockMoments a = block_moments(std::vector<double>(100, 0.01), 4);
  const BlockMoments b = block_moments(std::vector<double>(101, 0.01), 4);
  const BlockMoments c = block_moments(std::vector<double>(100, 0.01), 6);
  const std::vector<const BlockMoments*> ab = {&a, &b}, ac = {&a, &c};
  CHECK_THROWS_AS(moment_table(ab), std::invalid_argument);
  CHECK_THROWS_AS(moment_table(ac), std::invalid_argument);
}
