// The long-only QP: closed forms, a brute-force reference over every active set, and the
// constraints on random problems.
#include "fixtures.hpp"
#include "long_only_qp.hpp"

#include <doctest/doctest.h>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace mosaic::portfolio;

namespace {

std::vector<double> to_vector(const Eigen::MatrixXd& m) { return {m.data(), m.data() + m.size()}; }

// A random symmetric positive definite q x q matrix with a common factor (like returns).
Eigen::MatrixXd random_covariance(size_t q, portfolio_test::Lcg& rng) {
  const auto n = static_cast<Eigen::Index>(3 * q + 5);
  Eigen::MatrixXd X(n, static_cast<Eigen::Index>(q));
  for (Eigen::Index k = 0; k < n; ++k) {
    const double f = rng.normal();
    for (Eigen::Index j = 0; j < X.cols(); ++j) X(k, j) = 0.01 * (f + (0.5 + 0.3 * double(j)) * rng.normal());
  }
  const Eigen::MatrixXd c = X.rowwise() - X.colwise().mean();
  return c.transpose() * c / double(n);
}

double objective(const Eigen::MatrixXd& Q, const Eigen::VectorXd& c, const Eigen::VectorXd& w) {
  return 0.5 * w.dot(Q * w) - c.dot(w);
}

// The optimum by enumeration: for every support set F, the equality-constrained optimum on
// F (with the budget binding, and for AtMostOne also without); the best feasible one wins.
Eigen::VectorXd brute_force(const Eigen::MatrixXd& Q, const Eigen::VectorXd& c, Budget budget) {
  const auto q = Q.rows();
  Eigen::VectorXd best = Eigen::VectorXd::Zero(q);
  double best_value = budget == Budget::AtMostOne ? 0.0 : std::numeric_limits<double>::infinity();
  for (unsigned mask = 1; mask < (1u << q); ++mask) {
    std::vector<Eigen::Index> F;
    for (Eigen::Index i = 0; i < q; ++i)
      if (mask & (1u << i)) F.push_back(i);
    const auto f = static_cast<Eigen::Index>(F.size());
    Eigen::MatrixXd H(f, f);
    Eigen::VectorXd cf(f);
    for (Eigen::Index a = 0; a < f; ++a) {
      cf(a) = c(F[a]);
      for (Eigen::Index b = 0; b < f; ++b) H(a, b) = Q(F[a], F[b]);
    }
    const Eigen::LLT<Eigen::MatrixXd> llt(H);
    const Eigen::VectorXd u = llt.solve(cf), v = llt.solve(Eigen::VectorXd::Ones(f));
    std::vector<Eigen::VectorXd> candidates;
    candidates.push_back(u + (1.0 - u.sum()) / v.sum() * v);  // sum = 1
    if (budget == Budget::AtMostOne) candidates.push_back(u);  // budget not binding
    for (const auto& wf : candidates) {
      if (wf.minCoeff() < -1e-13) continue;
      if (budget == Budget::AtMostOne && wf.sum() > 1.0 + 1e-13) continue;
      Eigen::VectorXd w = Eigen::VectorXd::Zero(q);
      for (Eigen::Index a = 0; a < f; ++a) w(F[a]) = std::max(0.0, wf(a));
      const double value = objective(Q, c, w);
      if (value < best_value) {
        best_value = value;
        best = w;
      }
    }
  }
  return best;
}

}  // namespace

TEST_CASE("min variance, 2 assets: the closed form w1 = (s2^2 - s12) / (s1^2 + s2^2 - 2 s12)") {
  LongOnlyQp qp;
  const double s1 = 0.2, s2 = 0.1;
  for (double rho : {-0.8, -0.3, 0.0, 0.3, 0.45}) {
    CAPTURE(rho);
    const double s12 = rho * s1 * s2;
    const std::vector<double> Q = {s1 * s1, s12, s12, s2 * s2}, c = {0, 0};
    std::vector<double> w = {0.5, 0.5};
    const QpStatus st = qp.solve(Q, c, Budget::FullyInvested, w);
    const double w1 = (s2 * s2 - s12) / (s1 * s1 + s2 * s2 - 2 * s12);
    CHECK(st.converged);
    CHECK(w[0] == doctest::Approx(w1).epsilon(1e-12));
    CHECK(w[1] == doctest::Approx(1 - w1).epsilon(1e-12));
  }
  // rho = 0.8: s12 = 0.016 > s2^2 = 0.01, the closed form is negative; long-only holds asset 2 only.
  const std::vector<double> Q = {0.04, 0.016, 0.016, 0.01}, c = {0, 0};
  std::vector<double> w = {0.5, 0.5};
  CHECK(qp.solve(Q, c, Budget::FullyInvested, w).converged);
  CHECK(w[0] == 0.0);
  CHECK(w[1] == doctest::Approx(1.0).epsilon(1e-15));
}

TEST_CASE("mean-variance: unconstrained optimum, the budget, and no position without an edge") {
  LongOnlyQp qp;
  // One asset: w = c / Q when in [0, 1].
  const std::vector<double> Q1 = {0.2};
  std::vector<double> w = {0.0};
  for (auto [c, expected] : {std::pair{0.1, 0.5}, {0.3, 1.0}, {-0.1, 0.0}, {0.0, 0.0}}) {
    CAPTURE(c);
    const std::vector<double> cv = {c};
    CHECK(qp.solve(Q1, cv, Budget::AtMostOne, w).converged);
    CHECK(w[0] == doctest::Approx(expected).epsilon(1e-14));
  }
  // Two correlated assets: the unconstrained optimum Q^-1 c when it is feasible.
  const std::vector<double> Q = {0.2, 0.05, 0.05, 0.1}, c = {0.04, 0.03};
  // det = 0.02 - 0.0025 = 0.0175; Q^-1 c = (0.1 * 0.04 - 0.05 * 0.03, 0.2 * 0.03 - 0.05 * 0.04) / det
  std::vector<double> w2 = {0.0, 0.0};
  CHECK(qp.solve(Q, c, Budget::AtMostOne, w2).converged);
  CHECK(w2[0] == doctest::Approx(0.0025 / 0.0175).epsilon(1e-12));
  CHECK(w2[1] == doctest::Approx(0.004 / 0.0175).epsilon(1e-12));
}

TEST_CASE("long-only QP: matches brute force over every active set; constraints hold") {
  portfolio_test::Lcg rng(17);
  LongOnlyQp qp;
  int problems = 0;
  for (size_t q : {1, 2, 3, 5, 7}) {
    for (int trial = 0; trial < 30; ++trial) {
      const Eigen::MatrixXd S = random_covariance(q, rng);
      Eigen::VectorXd mu(static_cast<Eigen::Index>(q));
      for (Eigen::Index i = 0; i < mu.size(); ++i) mu(i) = 0.002 * rng.normal();
      for (Budget budget : {Budget::FullyInvested, Budget::AtMostOne}) {
        CAPTURE(q);
        CAPTURE(trial);
        const Eigen::MatrixXd Q = budget == Budget::FullyInvested ? S : Eigen::MatrixXd(3.0 * S);
        const Eigen::VectorXd c = budget == Budget::FullyInvested ? Eigen::VectorXd::Zero(mu.size()) : mu;
        const std::vector<double> Qv = to_vector(Q), cv(c.data(), c.data() + c.size());
        // Cold start, and a warm start from a random point: same answer.
        for (int start = 0; start < 2; ++start) {
          std::vector<double> w(q, 0.0);
          if (start == 1)
            for (auto& x : w) x = rng.uniform() - 0.3;
          const QpStatus st = qp.solve(Qv, cv, budget, w);
          CHECK(st.converged);
          const Eigen::Map<const Eigen::VectorXd> wm(w.data(), static_cast<Eigen::Index>(q));
          CHECK(wm.minCoeff() >= 0.0);
          if (budget == Budget::FullyInvested) CHECK(wm.sum() == doctest::Approx(1.0).epsilon(1e-13));
          else CHECK(wm.sum() <= 1.0 + 1e-13);
          const Eigen::VectorXd ref = brute_force(Q, c, budget);
          CHECK((wm - ref).cwiseAbs().maxCoeff() < 1e-9);
          CHECK(objective(Q, c, wm) <= objective(Q, c, ref) + 1e-15);
          ++problems;
        }
      }
    }
  }
  CHECK(problems == 5 * 30 * 2 * 2);
}

TEST_CASE("long-only QP: the iteration cap still returns a feasible point") {
  portfolio_test::Lcg rng(3);
  const Eigen::MatrixXd S = random_covariance(6, rng);
  const std::vector<double> Q = to_vector(S), c(6, 0.0);
  std::vector<double> w(6, 0.0);
  w[0] = 1.0;  // start at a corner, far from the optimum
  LongOnlyQp qp;
  const QpStatus st = qp.solve(Q, c, Budget::FullyInvested, w, 1);
  CHECK(st.iterations == 1);
  CHECK_FALSE(st.converged);
  double sum = 0;
  for (double x : w) {
    CHECK(x >= 0.0);
    sum += x;
  }
  CHECK(sum == doctest::Approx(1.0));
}

TEST_CASE("long-only QP: refuses a matrix that is not positive definite, and mismatched sizes") {
  LongOnlyQp qp;
  const std::vector<double> Q = {1, 2, 2, 1}, c = {0, 0};
  std::vector<double> w = {0.5, 0.5};
  CHECK_THROWS_AS(qp.solve(Q, c, Budget::FullyInvested, w), std::invalid_argument);
  const std::vector<double> Q3(9, 1.0);
  CHECK_THROWS_AS(qp.solve(Q3, c, Budget::FullyInvested, w), std::invalid_argument);
}
