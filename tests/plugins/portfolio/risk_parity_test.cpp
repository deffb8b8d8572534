// Risk parity: equal risk contributions, long-only, summing to 1.
#include "fixtures.hpp"
#include "risk_parity.hpp"

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

using namespace mosaic::portfolio;

TEST_CASE("risk parity, 2 assets: w proportional to 1/sigma whatever the correlation") {
  RiskParity rp;
  const double s1 = 0.3, s2 = 0.1;
  for (double rho : {-0.5, 0.0, 0.4, 0.9}) {
    CAPTURE(rho);
    const std::vector<double> S = {s1 * s1, rho * s1 * s2, rho * s1 * s2, s2 * s2};
    std::vector<double> w = {0.0, 0.0};
    const RiskParityStatus st = rp.solve(S, w);
    CHECK(st.converged);
    CHECK(w[0] == doctest::Approx(0.25).epsilon(1e-9));  // (1/0.3) / (1/0.3 + 1/0.1)
    CHECK(w[1] == doctest::Approx(0.75).epsilon(1e-9));
  }
}

TEST_CASE("risk parity, diagonal covariance: inverse volatility") {
  RiskParity rp;
  const std::vector<double> S = {0.04, 0, 0, 0, 0.01, 0, 0, 0, 0.0025};  // sigma 0.2, 0.1, 0.05
  std::vector<double> w(3, 0.0);
  CHECK(rp.solve(S, w).converged);
  CHECK(w[0] == doctest::Approx(5.0 / 35).epsilon(1e-9));
  CHECK(w[1] == doctest::Approx(10.0 / 35).epsilon(1e-9));
  CHECK(w[2] == doctest::Approx(20.0 / 35).epsilon(1e-9));
}

TEST_CASE("risk parity, random correlated covariances: every contribution equal") {
  portfolio_test::Lcg rng(23);
  RiskParity rp;
  for (int trial = 0; trial < 40; ++trial) {
    CAPTURE(trial);
    const Eigen::Index q = 2 + trial % 8;
    Eigen::MatrixXd X(40, q);
    for (Eigen::Index k = 0; k < X.rows(); ++k) {
      const double f = rng.normal();
      for (Eigen::Index j = 0; j < q; ++j) X(k, j) = (0.5 + 0.2 * double(j)) * (0.8 * f + rng.normal());
    }
    const Eigen::MatrixXd c = X.rowwise() - X.colwise().mean();
    const Eigen::MatrixXd S = c.transpose() * c / 40.0;
    const std::vector<double> Sv(S.data(), S.data() + S.size());
    std::vector<double> w(static_cast<size_t>(q), 0.0);
    const RiskParityStatus st = rp.solve(Sv, w);
    CHECK(st.converged);
    std::vector<double> rc(w.size());
    risk_contributions(Sv, w, rc);
    const double total = std::accumulate(rc.begin(), rc.end(), 0.0);
    for (double x : rc) CHECK(x / total == doctest::Approx(1.0 / double(q)).epsilon(1e-9));
    CHECK(std::accumulate(w.begin(), w.end(), 0.0) == doctest::Approx(1.0).epsilon(1e-14));
    CHECK(*std::min_element(w.begin(), w.end()) > 0.0);
    // A warm start at the answer converges at once to the same weights.
    std::vector<double> again = w;
    const RiskParityStatus st2 = rp.solve(Sv, again);
    CHECK(st2.sweeps <= 2);
    for (size_t i = 0; i < w.size(); ++i) CHECK(again[i] == doctest::Approx(w[i]).epsilon(1e-9));
  }
}
