// The full-sample fit on SPI's daily log returns (data/swx.csv, 1,916 returns) against
// statsmodels' MarkovRegression(k_regimes=2, trend='c', switching_variance=True), whose
// numbers tests/data/regime/make_reference.py wrote to swx_reference.csv (states ordered by
// variance, row-stochastic transitions, variances not sigmas: see the script).
//
// The issue asks for agreement within 5% on means, variances and transition
// probabilities. Relative error suits the variances and transitions. For the means it is
// a weak yardstick: the volatile state's mean (-0.14% a day) has a standard error of
// 0.077%, so 5% of it is only 0.09 standard errors, and a mean whose estimate sat near 0
// would make any relative bound meaningless. Each mean must therefore also agree within
// 0.05 of statsmodels' own standard error. Both hold with a wide margin, because both fits
// reach the same maximum of the same likelihood (checked to 1e-3 log-likelihood units).
#include "hmm.hpp"
#include "market_series.hpp"
#include "regime_fixtures.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

using namespace mosaic::regime;

namespace {

struct Reference {
  std::map<std::string, std::string> value;
  std::map<std::string, double> std_error;
  double operator[](const std::string& name) const { return std::stod(value.at(name)); }
};

Reference read_reference() {
  std::ifstream in(std::string(MOSAIC_TEST_DATA_DIR) + "/regime/swx_reference.csv");
  REQUIRE(in.good());
  Reference ref;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::stringstream row(line);
    std::string name, value, se;
    std::getline(row, name, ',');
    std::getline(row, value, ',');
    std::getline(row, se, ',');
    ref.value[name] = value;
    if (!se.empty()) ref.std_error[name] = std::stod(se);
  }
  return ref;
}

}  // namespace

TEST_CASE("SPI (swx.csv): full-sample fit agrees with statsmodels' MarkovRegression") {
  const Reference ref = read_reference();
  REQUIRE(ref.value.at("series") == "SPI");
  const auto closes = regime_test::swx().columns.at("SPI");
  std::vector<double> r = log_returns(closes);
  r.erase(r.begin());  // bar 0 has no return
  REQUIRE(r.size() == static_cast<size_t>(ref["n_returns"]));

  EmWorkspace ws;
  FitOptions o;
  o.max_iter = 5000;
  o.tol = 1e-12;
  const FitResult f = fit_multistart(r, 2, 10, 1, o, ws);
  CHECK(f.converged);
  const HmmParams& p = f.params;

  // The same maximum (ours computed by Baum-Welch, theirs by EM then BFGS).
  CHECK(std::fabs(f.loglik - ref["loglik"]) < 1e-3);

  auto relative = [](double ours, double theirs) { return std::fabs(ours - theirs) / std::fabs(theirs); };
  for (int j = 0; j < 2; ++j) {
    const std::string s = std::to_string(j);
    const double mean = ref["mean_" + s], var = ref["var_" + s], mean_se = ref.std_error.at("mean_" + s);
    INFO("state " << j << ": mean " << p.mean[static_cast<size_t>(j)] << " vs " << mean << ", var "
                  << p.var[static_cast<size_t>(j)] << " vs " << var);
    CHECK(relative(p.mean[static_cast<size_t>(j)], mean) < 0.05);
    CHECK(std::fabs(p.mean[static_cast<size_t>(j)] - mean) < 0.05 * mean_se);
    CHECK(relative(p.var[static_cast<size_t>(j)], var) < 0.05);
    for (int i = 0; i < 2; ++i) {
      const double q = ref["p_" + s + std::to_string(i)];
      INFO("p_" << j << i << " " << p.trans[static_cast<size_t>(j)][static_cast<size_t>(i)] << " vs " << q);
      CHECK(relative(p.trans[static_cast<size_t>(j)][static_cast<size_t>(i)], q) < 0.05);
    }
  }
  // And much closer than the 5% asked for: the same optimum to a few parts in 10^4
  // (statsmodels' own restarts differ among themselves by that much).
  CHECK(relative(p.var[1], ref["var_1"]) < 2e-3);
  CHECK(relative(p.trans[1][0], ref["p_10"]) < 2e-3);
}

TEST_CASE("SPI fit: the module's default EM settings reach the same optimum") {
  // The module stops EM at tol = 1e-6 per observation; that costs far less than the
  // sampling error (here under 1e-2 log-likelihood units, under a tenth of a standard error).
  const Reference ref = read_reference();
  std::vector<double> r = log_returns(regime_test::swx().columns.at("SPI"));
  r.erase(r.begin());
  EmWorkspace ws;
  const FitResult f = fit_multistart(r, 2, 5, 1, FitOptions{}, ws);
  CHECK(f.loglik > ref["loglik"] - 1e-2);
  for (int j = 0; j < 2; ++j) {
    const std::string s = std::to_string(j);
    CHECK(std::fabs(f.params.var[static_cast<size_t>(j)] - ref["var_" + s]) < 0.1 * ref.std_error.at("var_" + s));
    CHECK(std::fabs(f.params.mean[static_cast<size_t>(j)] - ref["mean_" + s]) < 0.1 * ref.std_error.at("mean_" + s));
  }
}
