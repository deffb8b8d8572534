// Parameter recovery on simulated data. The tolerances are sampling errors, not guesses:
// with n_j = T pi_j bars in state j (known true parameters),
//   se(mean_j) = sd_j / sqrt(n_j),   se(var_j) = var_j sqrt(2 / n_j),
//   se(p_ij)   = sqrt(p_ij (1 - p_ij) / n_i),
// the standard errors if the states were observed. Not observing them inflates these a
// little for well-separated states (variance ratio 9 here), so each estimate must fall
// within 4 of them of the truth.
#include "hmm.hpp"
#include "regime_fixtures.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace mosaic::regime;

namespace {

void check_recovery(const HmmParams& truth, const HmmParams& fit, size_t n, double sigmas) {
  const StateVector pi = stationary(truth);
  for (int j = 0; j < truth.k; ++j) {
    const double n_j = static_cast<double>(n) * pi[static_cast<size_t>(j)];
    const double se_mean = std::sqrt(truth.var[static_cast<size_t>(j)] / n_j);
    const double se_var = truth.var[static_cast<size_t>(j)] * std::sqrt(2.0 / n_j);
    INFO("state " << j << ": mean " << fit.mean[static_cast<size_t>(j)] << " (true " << truth.mean[static_cast<size_t>(j)]
                  << ", se " << se_mean << "), var " << fit.var[static_cast<size_t>(j)] << " (true "
                  << truth.var[static_cast<size_t>(j)] << ", se " << se_var << ")");
    CHECK(std::fabs(fit.mean[static_cast<size_t>(j)] - truth.mean[static_cast<size_t>(j)]) < sigmas * se_mean);
    CHECK(std::fabs(fit.var[static_cast<size_t>(j)] - truth.var[static_cast<size_t>(j)]) < sigmas * se_var);
    for (int i = 0; i < truth.k; ++i) {
      const double p = truth.trans[static_cast<size_t>(j)][static_cast<size_t>(i)];
      const double se = std::sqrt(p * (1.0 - p) / n_j);
      INFO("p[" << j << "][" << i << "] = " << fit.trans[static_cast<size_t>(j)][static_cast<size_t>(i)] << " (true " << p
                << ", se " << se << ")");
      CHECK(std::fabs(fit.trans[static_cast<size_t>(j)][static_cast<size_t>(i)] - p) < sigmas * se);
    }
  }
}

}  // namespace

TEST_CASE("recovers a simulated 2-state model") {
  HmmParams truth;
  truth.k = 2;
  truth.mean = {6e-4, -1.5e-3, 0.0};       // calm drifts up, volatile down
  truth.var = {1e-4, 9e-4, 0.0};           // daily sd 1% and 3%
  truth.trans[0] = {0.99, 0.01, 0.0};      // calm spells last 100 bars on average
  truth.trans[1] = {0.03, 0.97, 0.0};      // volatile ones 33; pi = (0.75, 0.25)
  const size_t n = 8000;
  for (uint64_t seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    const auto sim = regime_test::simulate(truth, n, seed);
    EmWorkspace ws;
    FitOptions o;
    o.max_iter = 2000;
    o.tol = 1e-10;
    const FitResult f = fit_multistart(sim.returns, 2, 5, 42, o, ws);
    CHECK(f.converged);
    check_recovery(truth, f.params, n, 4.0);
    // The fitted model's filtered state path matches the simulated one on most bars.
    std::vector<double> filtered;
    filter(f.params, sim.returns, filtered);
    size_t right = 0;
    for (size_t t = 0; t < n; ++t) right += (filtered[2 * t + 1] > 0.5) == (sim.states[t] == 1) ? 1 : 0;
    CHECK(static_cast<double>(right) / static_cast<double>(n) > 0.93);
  }
}

TEST_CASE("recovers a simulated 3-state model") {
  HmmParams truth;
  truth.k = 3;
  truth.mean = {8e-4, 0.0, -3e-3};
  truth.var = {0.36e-4, 1.44e-4, 12.96e-4};  // sd 0.6%, 1.2%, 3.6%
  truth.trans[0] = {0.98, 0.015, 0.005};
  truth.trans[1] = {0.02, 0.96, 0.02};
  truth.trans[2] = {0.01, 0.04, 0.95};
  const size_t n = 20000;
  const auto sim = regime_test::simulate(truth, n, 9);
  EmWorkspace ws;
  FitOptions o;
  o.max_iter = 3000;
  o.tol = 1e-10;
  const FitResult f = fit_multistart(sim.returns, 3, 8, 7, o, ws);
  CHECK(f.converged);
  // Neighbouring states overlap more here (variance ratio 4), so the latent-state
  // inflation of the errors is larger: 5 complete-data standard errors.
  check_recovery(truth, f.params, n, 5.0);
}

TEST_CASE("the fit is a pure function of data, state count, starts and seed") {
  HmmParams truth;
  truth.k = 2;
  truth.mean = {5e-4, -1e-3, 0.0};
  truth.var = {1e-4, 6e-4, 0.0};
  truth.trans[0] = {0.98, 0.02, 0.0};
  truth.trans[1] = {0.05, 0.95, 0.0};
  const auto sim = regime_test::simulate(truth, 1000, 4);
  EmWorkspace ws1, ws2;
  const FitResult a = fit_multistart(sim.returns, 2, 4, 99, FitOptions{}, ws1);
  fit_multistart(regime_test::simulate(truth, 3000, 8).returns, 2, 2, 5, FitOptions{}, ws2);  // dirty the workspace
  const FitResult b = fit_multistart(sim.returns, 2, 4, 99, FitOptions{}, ws2);
  CHECK(a.params == b.params);
  CHECK(a.loglik == b.loglik);
  // Different seeds draw different starting points (start 0 is the same deterministic one).
  CHECK(starting_point(sim.returns, 2, 1, 99) != starting_point(sim.returns, 2, 1, 100));
  CHECK(starting_point(sim.returns, 2, 0, 99) == starting_point(sim.returns, 2, 0, 100));
}

TEST_CASE("unfittable samples are refused with the reason") {
  EmWorkspace ws;
  CHECK_THROWS_WITH_AS(fit_multistart(std::vector<double>(50, 0.01), 2, 1, 1, FitOptions{}, ws),
                       "HMM fit: the returns do not vary", std::invalid_argument);
  CHECK_THROWS_AS(fit_multistart(std::vector<double>{0.01, -0.01, regime_test::kNaN}, 2, 1, 1, FitOptions{}, ws),
                  std::invalid_argument);
}
