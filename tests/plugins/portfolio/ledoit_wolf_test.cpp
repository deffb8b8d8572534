// Ledoit-Wolf shrinkage against a hand-worked case and against an independent Python
// implementation (tests/data/portfolio/make_ledoit_wolf_reference.py).
#include "fixtures.hpp"
#include "ledoit_wolf.hpp"
#include "rolling_returns.hpp"

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace mosaic::portfolio;

TEST_CASE("ledoit-wolf: hand-worked 16 x 2 case") {
  // Rows (2,1), (-2,1), (1,-1), (-1,-1), four times each: mean 0, S = diag(2.5, 1) (1/n),
  // m = 1.75, d2 = ||diag(0.75, -0.75)||^2 / 2 = 0.5625. sum_k ||x_k||^4 = 4 (25 + 25 + 4 + 4)
  // = 232 and n ||S||^2 = 16 * 7.25 = 116, so b2bar = 116 / (256 * 2) = 0.2265625 < d2 and
  // delta = 0.2265625 / 0.5625 = 29/72.
  Eigen::MatrixXd X(16, 2);
  const double rows[4][2] = {{2, 1}, {-2, 1}, {1, -1}, {-1, -1}};
  for (int k = 0; k < 16; ++k) X.row(k) << rows[k % 4][0], rows[k % 4][1];
  Shrinkage info;
  const Eigen::MatrixXd S = ledoit_wolf(X, &info);
  CHECK(info.intensity == doctest::Approx(29.0 / 72.0).epsilon(1e-14));
  CHECK(info.target == doctest::Approx(1.75).epsilon(1e-14));
  CHECK(S(0, 0) == doctest::Approx((2.5 * 43 + 1.75 * 29) / 72).epsilon(1e-14));
  CHECK(S(1, 1) == doctest::Approx((1.0 * 43 + 1.75 * 29) / 72).epsilon(1e-14));
  CHECK(S(0, 1) == 0.0);
  CHECK(S(1, 0) == 0.0);
}

TEST_CASE("ledoit-wolf: with few observations the estimate shrinks all the way to m I") {
  // Rows (2,0), (-1,1), (-1,-1): S = diag(2, 2/3), m = 4/3, d2 = 4/9; sum ||x||^4 = 16+4+4 = 24,
  // n ||S||^2 = 3 * 40/9 = 40/3, b2bar = (24 - 40/3) / (9 * 2) = 16/27 > d2: b2 = d2, delta = 1.
  Eigen::MatrixXd X(3, 2);
  X << 2, 0, -1, 1, -1, -1;
  Shrinkage info;
  const Eigen::MatrixXd S = ledoit_wolf(X, &info);
  CHECK(info.intensity == doctest::Approx(1.0));
  CHECK(S(0, 0) == doctest::Approx(4.0 / 3.0));
  CHECK(S(1, 1) == doctest::Approx(4.0 / 3.0));
  CHECK(S(0, 1) == doctest::Approx(0.0));
}

TEST_CASE("ledoit-wolf: a sample covariance that is already m I is left alone") {
  // One variable: S = m, d2 = 0.
  Eigen::MatrixXd X(4, 1);
  X << 1, -1, 2, -2;
  Shrinkage info;
  const Eigen::MatrixXd S = ledoit_wolf(X, &info);
  CHECK(info.intensity == 0.0);
  CHECK(S(0, 0) == doctest::Approx(2.5));
}

TEST_CASE("ledoit-wolf: matches the independent Python reference") {
  std::ifstream file(MOSAIC_TEST_DATA_DIR "/portfolio/ledoit_wolf_reference.txt");
  REQUIRE(file.good());
  std::string line;
  int cases = 0;
  while (std::getline(file, line)) {
    if (line.rfind("case ", 0) != 0) continue;
    std::istringstream head(line.substr(5));
    std::string name;
    int n = 0, p = 0;
    head >> name >> n >> p;
    CAPTURE(name);
    Eigen::MatrixXd X(n, p), expected(p, p);
    for (int k = 0; k < n; ++k)
      for (int j = 0; j < p; ++j) file >> X(k, j);
    std::string label;
    double intensity = 0, target = 0;
    file >> label >> intensity;
    REQUIRE(label == "intensity");
    file >> label >> target;
    REQUIRE(label == "target");
    for (int i = 0; i < p; ++i)
      for (int j = 0; j < p; ++j) file >> expected(i, j);
    REQUIRE(file.good());

    Shrinkage info;
    const Eigen::MatrixXd S = ledoit_wolf(X, &info);
    CHECK(info.intensity == doctest::Approx(intensity).epsilon(1e-10));
    CHECK(info.target == doctest::Approx(target).epsilon(1e-12));
    CHECK(info.intensity > 0.0);
    CHECK(info.intensity < 1.0);
    for (int i = 0; i < p; ++i)
      for (int j = 0; j < p; ++j) {
        CAPTURE(i);
        CAPTURE(j);
        CHECK(S(i, j) == doctest::Approx(expected(i, j)).epsilon(1e-10).scale(1e-6));
      }
    ++cases;
  }
  CHECK(cases == 3);
}

TEST_CASE("rolling returns: the running sums give the same covariance as the window itself") {
  // 5 assets, window 30, 200 bars with a missing return now and then; at every bar, for the
  // complete assets, mean and 1/n covariance from the sums equal a direct computation.
  const size_t assets = 5, window = 30, bars = 200;
  portfolio_test::Lcg rng(5);
  mosaic::common::RollingReturns roll;
  roll.reset(assets, window);
  std::vector<std::vector<double>> history;
  for (size_t t = 0; t < bars; ++t) {
    std::vector<double> r(assets);
    for (size_t a = 0; a < assets; ++a) r[a] = rng.uniform() < 0.02 ? NAN : 0.01 * rng.normal() + 0.001 * double(a);
    history.push_back(r);
    roll.push(r);
    if (history.size() > window) history.erase(history.begin());
    REQUIRE(roll.count() == history.size());
    for (size_t a = 0; a < assets; ++a) {
      bool complete = history.size() == window;
      for (const auto& row : history) complete = complete && std::isfinite(row[a]);
      CHECK(roll.complete(a) == complete);
    }
    for (size_t i = 0; i < assets; ++i)
      for (size_t j = 0; j < assets; ++j) {
        if (!roll.complete(i) || !roll.complete(j)) continue;
        double si = 0, sj = 0, sij = 0;
        for (const auto& row : history) {
          si += row[i];
          sj += row[j];
          sij += row[i] * row[j];
        }
        CHECK(roll.sum(i) == doctest::Approx(si).epsilon(1e-12).scale(1e-3));
        CHECK(roll.cross(i, j) == doctest::Approx(sij).epsilon(1e-12).scale(1e-5));
      }
    for (size_t k = 0; k < history.size(); ++k)
      for (size_t a = 0; a < assets; ++a)
        if (std::isfinite(history[k][a])) CHECK(roll.at(k, a) == history[k][a]);
  }
}
