// The HMM maths against values computed by hand and against brute force: on a sample short
// enough to enumerate every state path, the likelihood and posteriors follow from their
// definitions, with no recursion at all.
#include "hmm.hpp"
#include "regime_fixtures.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

using namespace mosaic::regime;
using regime_test::kNaN;

namespace {

HmmParams two_state() {
  HmmParams p;
  p.k = 2;
  p.mean = {0.0, 0.0, 0.0};
  p.var = {1.0, 4.0, 0.0};
  p.trans[0] = {0.9, 0.1, 0.0};
  p.trans[1] = {0.2, 0.8, 0.0};
  return p;
}

HmmParams three_state() {
  HmmParams p;
  p.k = 3;
  p.mean = {0.3, -0.2, -1.0};
  p.var = {0.5, 1.5, 6.0};
  p.trans[0] = {0.8, 0.15, 0.05};
  p.trans[1] = {0.1, 0.7, 0.2};
  p.trans[2] = {0.3, 0.3, 0.4};
  return p;
}

double density(const HmmParams& p, int j, double r) {
  if (std::isnan(r)) return 1.0;
  const double d = r - p.mean[static_cast<size_t>(j)];
  const double v = p.var[static_cast<size_t>(j)];
  return std::exp(-0.5 * d * d / v) / std::sqrt(2.0 * std::numbers::pi * v);
}

// Every path s_0..s_{T-1}: P(path, r) = pi(s_0) f(r_0|s_0) prod A(s_{t-1}, s_t) f(r_t|s_t).
// Returns the likelihood; fills the smoothed posteriors P(s_t = j | all r) and the filtered
// ones P(s_t = j | r_0..r_t) (the latter by summing over paths of the prefix).
double brute_force(const HmmParams& p, const std::vector<double>& r, std::vector<double>& smoothed,
                   std::vector<double>& filtered) {
  const size_t n = r.size(), k = static_cast<size_t>(p.k);
  const StateVector pi = stationary(p);
  auto joint = [&](const std::vector<int>& path, size_t upto) {
    double w = pi[static_cast<size_t>(path[0])] * density(p, path[0], r[0]);
    for (size_t t = 1; t < upto; ++t)
      w *= p.trans[static_cast<size_t>(path[t - 1])][static_cast<size_t>(path[t])] * density(p, path[t], r[t]);
    return w;
  };
  smoothed.assign(n * k, 0.0);
  filtered.assign(n * k, 0.0);
  double total = 0.0;
  for (size_t len = 1; len <= n; ++len) {
    size_t paths = 1;
    for (size_t t = 0; t < len; ++t) paths *= k;
    std::vector<double> last(k, 0.0);
    double sum = 0.0;
    for (size_t code = 0; code < paths; ++code) {
      std::vector<int> path(len);
      size_t c = code;
      for (size_t t = 0; t < len; ++t, c /= k) path[t] = static_cast<int>(c % k);
      const double w = joint(path, len);
      last[static_cast<size_t>(path[len - 1])] += w;
      sum += w;
      if (len == n)
        for (size_t t = 0; t < n; ++t) smoothed[t * k + static_cast<size_t>(path[t])] += w;
    }
    for (size_t j = 0; j < k; ++j) filtered[(len - 1) * k + j] = last[j] / sum;
    if (len == n) total = sum;
  }
  for (auto& s : smoothed) s /= total;
  return total;
}

void check_against_brute_force(const HmmParams& p, const std::vector<double>& r) {
  std::vector<double> bf_smoothed, bf_filtered, smoothed, filtered;
  const double likelihood = brute_force(p, r, bf_smoothed, bf_filtered);
  CHECK(log_likelihood(p, r) == doctest::Approx(std::log(likelihood)).epsilon(1e-12));
  CHECK(filter(p, r, filtered) == doctest::Approx(std::log(likelihood)).epsilon(1e-12));
  smooth(p, r, smoothed);
  REQUIRE(smoothed.size() == bf_smoothed.size());
  for (size_t i = 0; i < smoothed.size(); ++i) {
    INFO("index " << i);
    CHECK(smoothed[i] == doctest::Approx(bf_smoothed[i]).epsilon(1e-12));
    CHECK(filtered[i] == doctest::Approx(bf_filtered[i]).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("stationary distribution: pi = pi A, by hand for 2 states and by definition for 3") {
  // 2 states: pi_0 = A_10 / (A_01 + A_10) = 0.2 / 0.3.
  const StateVector pi2 = stationary(two_state());
  CHECK(pi2[0] == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
  CHECK(pi2[1] == doctest::Approx(1.0 / 3.0).epsilon(1e-15));
  const HmmParams p = three_state();
  const StateVector pi = stationary(p);
  CHECK(pi[0] + pi[1] + pi[2] == doctest::Approx(1.0).epsilon(1e-15));
  for (size_t j = 0; j < 3; ++j) {
    double next = 0.0;
    for (size_t i = 0; i < 3; ++i) next += pi[i] * p.trans[i][j];
    CHECK(next == doctest::Approx(pi[j]).epsilon(1e-14));
  }
}

TEST_CASE("forward step by hand") {
  const HmmParams p = two_state();
  // predicted = (0.5*0.9 + 0.5*0.2, 0.5*0.1 + 0.5*0.8) = (0.55, 0.45). At r = 0 the densities
  // are 1/sqrt(2 pi) and 1/(2 sqrt(2 pi)): filtered = (0.55, 0.225) / 0.775 = (22/31, 9/31).
  const double prev[2] = {0.5, 0.5};
  double out[2];
  const double log_c = forward_step(p, prev, 0.0, out);
  CHECK(out[0] == doctest::Approx(22.0 / 31.0).epsilon(1e-15));
  CHECK(out[1] == doctest::Approx(9.0 / 31.0).epsilon(1e-15));
  CHECK(log_c == doctest::Approx(std::log(0.775 / std::sqrt(2.0 * std::numbers::pi))).epsilon(1e-15));
  // At r = 2: densities phi(2) = e^-2/sqrt(2 pi) and phi(1)/2 = e^-0.5/(2 sqrt(2 pi)):
  // filtered_1 = 0.45 e^-0.5 / 2 / (0.55 e^-2 + 0.45 e^-0.5 / 2).
  forward_step(p, prev, 2.0, out);
  const double a0 = 0.55 * std::exp(-2.0), a1 = 0.45 * std::exp(-0.5) / 2.0;
  CHECK(out[1] == doctest::Approx(a1 / (a0 + a1)).epsilon(1e-14));
  SUBCASE("a missing return only predicts") {
    CHECK(forward_step(p, prev, kNaN, out) == 0.0);
    CHECK(out[0] == doctest::Approx(0.55).epsilon(1e-15));
    CHECK(out[1] == doctest::Approx(0.45).epsilon(1e-15));
  }
  SUBCASE("prev and out may alias") {
    double a[2] = {0.5, 0.5};
    forward_step(p, a, 0.0, a);
    CHECK(a[0] == doctest::Approx(22.0 / 31.0).epsilon(1e-15));
  }
}

TEST_CASE("forward-backward equals brute force over every state path") {
  SUBCASE("2 states, 7 bars, one missing") {
    check_against_brute_force(two_state(), {0.3, -2.5, 0.1, kNaN, 3.2, -0.4, 0.05});
  }
  SUBCASE("3 states, 6 bars") { check_against_brute_force(three_state(), {0.5, -3.0, 0.2, 1.1, -0.7, 4.0}); }
  SUBCASE("returns on the scale of daily equity returns") {
    HmmParams p = two_state();
    p.mean = {5e-4, -1e-3, 0.0};
    p.var = {1e-4, 9e-4, 0.0};
    check_against_brute_force(p, {0.004, -0.031, 0.012, -0.002, 0.045, -0.007, 0.001, 0.0});
  }
}

TEST_CASE("forward-backward stays finite far beyond the range of unscaled recursions") {
  // 20,000 bars would underflow an unscaled forward variable (each bar multiplies it by a
  // density ~ 40); a 40-sigma outlier underflows every unscaled density at once.
  HmmParams p = two_state();
  p.var = {1e-4, 9e-4, 0.0};
  auto sim = regime_test::simulate(p, 20000, 11);
  sim.returns[5000] = 1.2;
  std::vector<double> smoothed, filtered;
  smooth(p, sim.returns, smoothed);
  const double ll = filter(p, sim.returns, filtered);
  CHECK(std::isfinite(ll));
  CHECK(log_likelihood(p, sim.returns) == doctest::Approx(ll).epsilon(1e-12));
  for (size_t t = 0; t < sim.returns.size(); t += 997) {
    CHECK(smoothed[2 * t] + smoothed[2 * t + 1] == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(filtered[2 * t] + filtered[2 * t + 1] == doctest::Approx(1.0).epsilon(1e-12));
  }
  CHECK(smoothed[2 * 5000 + 1] == doctest::Approx(1.0));  // the outlier is volatile-state
  // The last bar's smoothed posterior is its filtered one: nothing comes after it.
  const size_t last = sim.returns.size() - 1;
  CHECK(smoothed[2 * last + 1] == doctest::Approx(filtered[2 * last + 1]).epsilon(1e-10));
}

TEST_CASE("order_by_variance relabels means and transitions with the variances") {
  HmmParams p = three_state();
  std::swap(p.var[0], p.var[2]);  // variances 6, 1.5, 0.5 now belong to states 0, 1, 2
  const HmmParams q = [p]() mutable {
    order_by_variance(p);
    return p;
  }();
  CHECK(q.var[0] == 0.5);
  CHECK(q.var[1] == 1.5);
  CHECK(q.var[2] == 6.0);
  CHECK(q.mean[0] == p.mean[2]);
  CHECK(q.mean[2] == p.mean[0]);
  CHECK(q.trans[0][2] == p.trans[2][0]);  // new 0 = old 2, new 2 = old 0
  CHECK(q.trans[0][0] == p.trans[2][2]);
  CHECK(q.trans[1][0] == p.trans[1][2]);
  CHECK(check_params(q).empty());
  // The relabelled model is the same model: same likelihood.
  const std::vector<double> r = {0.4, -2.0, 1.0, 3.0};
  CHECK(log_likelihood(q, r) == doctest::Approx(log_likelihood(p, r)).epsilon(1e-13));
}

TEST_CASE("check_params names what is wrong") {
  HmmParams p = two_state();
  CHECK(check_params(p).empty());
  p.var[1] = -1.0;
  CHECK(check_params(p).find("var[1]") != std::string::npos);
  p = two_state();
  p.trans[0][1] = 0.2;
  CHECK(check_params(p).find("row 0") != std::string::npos);
  p = two_state();
  p.k = 4;
  CHECK(check_params(p).find("state count") != std::string::npos);
}

TEST_CASE("EM: the log-likelihood never falls from one update to the next") {
  HmmParams truth = two_state();
  truth.mean = {5e-4, -1e-3, 0.0};
  truth.var = {1e-4, 9e-4, 0.0};
  const auto sim = regime_test::simulate(truth, 1500, 3);
  EmWorkspace ws;
  const HmmParams start = starting_point(sim.returns, 2, 0, 1);
  double previous = log_likelihood(start, sim.returns);
  for (int m = 1; m <= 40; ++m) {
    FitOptions o;
    o.max_iter = m;
    o.tol = 0.0;
    const FitResult f = fit_em(sim.returns, start, o, ws);
    CHECK(f.iterations == m);
    CHECK(log_likelihood(f.params, sim.returns) == doctest::Approx(f.loglik).epsilon(1e-12));
    CHECK(f.loglik >= previous - 1e-9);
    previous = f.loglik;
  }
}

TEST_CASE("EM converges to a stationary point of the exact likelihood (steady-state initial distribution)") {
  // The transition update accounts for pi(A) in the first bar's term; plain Baum-Welch
  // (xi_ij / sum_j xi_ij) would stop where d loglik / d p01 is clearly not zero.
  HmmParams truth = two_state();
  truth.mean = {5e-4, -1e-3, 0.0};
  truth.var = {1e-4, 9e-4, 0.0};
  truth.trans[0] = {0.99, 0.01, 0.0};
  truth.trans[1] = {0.03, 0.97, 0.0};
  const auto sim = regime_test::simulate(truth, 3000, 5);
  EmWorkspace ws;
  FitOptions o;
  o.max_iter = 5000;
  o.tol = 1e-13;
  const FitResult f = fit_multistart(sim.returns, 2, 3, 1, o, ws);
  const double h = 1e-6;
  for (int i = 0; i < 2; ++i) {
    HmmParams up = f.params, down = f.params;
    up.trans[i][1 - i] += h, up.trans[i][i] -= h;
    down.trans[i][1 - i] -= h, down.trans[i][i] += h;
    const double slope = (log_likelihood(up, sim.returns) - log_likelihood(down, sim.returns)) / (2 * h);
    // Against the scale of the score: (number of transitions out of i) / p ~ 1e3 to 1e4.
    INFO("row " << i << ": d loglik / d p = " << slope);
    CHECK(std::fabs(slope) < 1.0);
  }
  for (int j = 0; j < 2; ++j) {
    HmmParams up = f.params, down = f.params;
    const double hm = 1e-7;
    up.mean[j] += hm, down.mean[j] -= hm;
    CHECK(std::fabs(log_likelihood(up, sim.returns) - log_likelihood(down, sim.returns)) / (2 * hm) < 50.0);
  }
}
