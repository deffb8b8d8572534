#include "self_test.hpp"

#include "allocation.hpp"
#include "ledoit_wolf.hpp"
#include "long_only_qp.hpp"
#include "portfolio_builder.hpp"
#include "risk_parity.hpp"

#include <mosaic/module.hpp>

#include <Eigen/Core>

#include <cmath>
#include <vector>

namespace mosaic::portfolio {

void run_self_test() {
  const double tol = 1e-12;

  // Ledoit-Wolf. Rows (2,1), (-2,1), (1,-1), (-1,-1), each 4 times: n = 16, mean 0,
  // S = diag(2.5, 1), m = 1.75, d2 = ((0.75)^2 * 2) / 2 = 0.5625; sum ||x||^4 = 4 (25+25+4+4)
  // = 232, n ||S||^2 = 16 * 7.25 = 116, b2 = (232 - 116) / (16^2 * 2) = 0.2265625,
  // delta = 0.2265625 / 0.5625 = 29/72. Shrunk diagonal: 2.5 * 43/72 + 1.75 * 29/72 and
  // 1 * 43/72 + 1.75 * 29/72; the off-diagonal stays 0.
  Eigen::MatrixXd X(16, 2);
  const double rows[4][2] = {{2, 1}, {-2, 1}, {1, -1}, {-1, -1}};
  for (int k = 0; k < 16; ++k) X.row(k) << rows[k % 4][0], rows[k % 4][1];
  Shrinkage info;
  const Eigen::MatrixXd lw = ledoit_wolf(X, &info);
  mosaic::expect_near(info.intensity, 29.0 / 72.0, tol, "ledoit-wolf intensity");
  mosaic::expect_near(lw(0, 0), (2.5 * 43 + 1.75 * 29) / 72.0, tol, "ledoit-wolf shrunk variance 1");
  mosaic::expect_near(lw(1, 1), (1.0 * 43 + 1.75 * 29) / 72.0, tol, "ledoit-wolf shrunk variance 2");
  mosaic::expect_near(lw(0, 1), 0.0, tol, "ledoit-wolf shrunk covariance");

  // Minimum variance, 2 assets: w1 = (s2^2 - s12) / (s1^2 + s2^2 - 2 s12) = 0.004 / 0.038.
  LongOnlyQp qp;
  std::vector<double> w(2, 0.0), c(2, 0.0);
  const std::vector<double> sigma = {0.04, 0.006, 0.006, 0.01};
  qp.solve(sigma, c, Budget::FullyInvested, w);
  mosaic::expect_near(w[0], 2.0 / 19.0, tol, "min variance w1");
  mosaic::expect_near(w[1], 17.0 / 19.0, tol, "min variance w2");
  // The closed form is negative when s12 > s2^2: long-only puts everything in asset 2.
  const std::vector<double> sigma_neg = {0.04, 0.018, 0.018, 0.01};
  w = {0.5, 0.5};
  qp.solve(sigma_neg, c, Budget::FullyInvested, w);
  mosaic::expect_near(w[0], 0.0, tol, "min variance, bound active, w1");
  mosaic::expect_near(w[1], 1.0, tol, "min variance, bound active, w2");

  // Mean-variance, Q = gamma Sigma = diag(0.2, 0.2): c = (0.1, 0.02) gives w = c / 0.2 =
  // (0.5, 0.1); c = (0.15, 0.15) would give (0.75, 0.75), so the budget binds: (0.5, 0.5).
  const std::vector<double> q_diag = {0.2, 0.0, 0.0, 0.2};
  w = {0.0, 0.0};
  c = {0.1, 0.02};
  qp.solve(q_diag, c, Budget::AtMostOne, w);
  mosaic::expect_near(w[0], 0.5, tol, "mean-variance interior w1");
  mosaic::expect_near(w[1], 0.1, tol, "mean-variance interior w2");
  c = {0.15, 0.15};
  qp.solve(q_diag, c, Budget::AtMostOne, w);
  mosaic::expect_near(w[0], 0.5, tol, "mean-variance budget w1");
  mosaic::expect_near(w[1], 0.5, tol, "mean-variance budget w2");

  // Risk parity, 2 assets: equal contributions give w proportional to 1/sigma whatever the
  // correlation: sigma = (0.2, 0.1), rho = 0.5 -> (1/3, 2/3).
  RiskParity rp;
  const std::vector<double> sigma_rp = {0.04, 0.01, 0.01, 0.01};
  w = {0.0, 0.0};
  rp.solve(sigma_rp, w);
  mosaic::expect_near(w[0], 1.0 / 3.0, 1e-9, "risk parity w1");
  mosaic::expect_near(w[1], 2.0 / 3.0, 1e-9, "risk parity w2");

  // Signal rules on scores (0.5, -0.2, 0.3).
  const std::vector<double> s = {0.5, -0.2, 0.3};
  std::vector<double> out(3);
  signal_proportional(s, true, out);  // positives / 0.8
  mosaic::expect_near(out[0], 0.625, tol, "signal proportional long w1");
  mosaic::expect_near(out[1], 0.0, tol, "signal proportional long w2");
  signal_proportional(s, false, out);  // s - 0.2 = (0.3, -0.4, 0.1), / 0.8
  mosaic::expect_near(out[0], 0.375, tol, "signal proportional long-short w1");
  mosaic::expect_near(out[1], -0.5, tol, "signal proportional long-short w2");
  mosaic::expect_near(out[2], 0.125, tol, "signal proportional long-short w3");
  equal_weight_positive(s, false, out);
  mosaic::expect_near(out[0], 0.25, tol, "equal weight long-short w1");
  mosaic::expect_near(out[1], -0.5, tol, "equal weight long-short w2");
  const std::vector<double> vols = {0.1, 0.2, std::nan("")};
  inverse_volatility(vols, out);  // (10, 5) / 15
  mosaic::expect_near(out[0], 2.0 / 3.0, tol, "inverse volatility w1");
  mosaic::expect_near(out[2], 0.0, tol, "inverse volatility, missing");

  // Rebalance holding and regime scaling: one asset, signal 1 at bar 0, rebalance every 3
  // bars, k = 0.5 and p_high_vol = 0.4 at bar 1: weights 1, 0.8, 1; the signal turns
  // negative at bar 1 but the book holds until bar 3, where it goes flat.
  Config cfg;
  cfg.rebalance = 3;
  cfg.regime_k = 0.5;
  const std::vector<double> close = {1, 1, 1, 1, 1}, sig = {1, -1, -1, -1, -1}, regime = {0, 0.4, 0, 0, 0};
  MarketData data;
  data.close = {close};
  data.signals.push_back({"technical", 1.0, {sig}});
  data.p_high_vol = regime;
  std::vector<double> weights(5);
  const std::vector<std::span<double>> cols = {weights};
  PortfolioBuilder builder(cfg);
  builder.run(data, cols);
  mosaic::expect_near(weights[0], 1.0, tol, "held weight at a rebalance");
  mosaic::expect_near(weights[1], 0.8, tol, "regime scaling 1 - 0.5 * 0.4");
  mosaic::expect_near(weights[2], 1.0, tol, "weight held between rebalances");
  mosaic::expect_near(weights[3], 0.0, tol, "next rebalance");
}

}  // namespace mosaic::portfolio
