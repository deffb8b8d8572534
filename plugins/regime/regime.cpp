#include "regime.hpp"

#include "market_series.hpp"

#include <mosaic/state.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::regime {

mosaic::Contract RegimeModule::contract() {
  return mosaic::Contract("regime", "1.1.0", mosaic::Role::Regime)
      .id("org.mosaic.regime")
      .describe("Gaussian hidden Markov model (2 or 3 states, Baum-Welch) on the market's daily log returns, "
                "refitted walk-forward; publishes the filtered probability of the high-volatility state")
      .input("close", mosaic::Layout::Panel, "closing prices")
      .output("regime.p_high_vol", mosaic::Layout::Panel,
              "one column 'market': filtered probability of the highest-variance state; NaN before the first fit")
      .output("regime.state", mosaic::Layout::Panel,
              "one column 'market': most likely state under the filtered posterior, 0 = calmest, states-1 = "
              "high volatility; NaN before the first fit")
      .param_int("states", 2, kMinStates, kMaxStates, "number of hidden states")
      .param_string("market", "",
                    "ticker whose log returns are modelled; empty: the equal-weight average of the universe's "
                    "simple returns, as a log return")
      .setting()
      .param_enum("window", "expanding", {"expanding", "rolling"},
                  "fit window: every return so far, or the last window_length bars")
      .param_int("window_length", 756, 100, 5000, "bars in a rolling window (window = rolling)", 21)
      .param_int("min_history", 252, 60, 2520, "finite returns needed before the first fit; outputs are NaN until then",
                 21)
      .setting()
      .param_int("refit_every", 63, 1, 504, "bars between refits; each refit is warm-started from the previous fit")
      .setting()
      .param_int("starts", 5, 1, 50, "EM starting points of the first fit (one deterministic, the rest random)")
      .setting()
      .param_int("seed", 1, 0, 2147483647, "seed of the random starting points")
      .setting()
      .param_int("max_iter", 300, 5, 5000, "most EM updates per fit (per start)", 5)
      .setting()
      .param_float("tol", 1e-6, 1e-12, 1e-3,
                   "EM stops when an update raises the log-likelihood by less than tol per observation")
      .setting()
      .sla_latency_ms(20.0)
      .sla_min_confidence(0.3);
}

RegimeModule::RegimeModule(const mosaic::Params& p) {
  settings_.states = static_cast<int>(p.get_int("states"));
  market_ = p.get_string("market");
  settings_.window = p.get_enum("window") == "rolling" ? WindowMode::Rolling : WindowMode::Expanding;
  settings_.window_length = static_cast<int>(p.get_int("window_length"));
  settings_.min_history = static_cast<int>(p.get_int("min_history"));
  settings_.refit_every = static_cast<int>(p.get_int("refit_every"));
  settings_.starts = static_cast<int>(p.get_int("starts"));
  settings_.seed = static_cast<uint64_t>(p.get_int("seed"));
  settings_.fit.max_iter = static_cast<int>(p.get_int("max_iter"));
  settings_.fit.tol = p.get_float("tol");
  if (settings_.states < kMinStates || settings_.states > kMaxStates)
    throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "regime: states must be 2 or 3");
  if (settings_.min_history < 1 || settings_.refit_every < 1 || settings_.window_length < 2 ||
      settings_.starts < 1 || settings_.fit.max_iter < 1 || !(settings_.fit.tol > 0.0))
    throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "regime: a parameter is outside its declared range");
}

void RegimeModule::process(const mosaic::Inputs& in, mosaic::Outputs& out) {
  const mosaic::PanelView close = in.panel("close");
  std::vector<double> returns;
  if (market_.empty()) {
    std::vector<std::span<const double>> columns;
    for (size_t a = 0; a < close.assets(); ++a) columns.push_back(close.column(a));
    returns = equal_weight_log_returns(columns);
    if (close.assets() == 0) returns.assign(close.rows(), std::nan(""));
  } else {
    const size_t a = close.find(market_);
    if (a == close.assets())
      throw mosaic::Error(MOSAIC_ERR_BAD_INPUT, "regime: market column '" + market_ + "' is not in the universe");
    returns = log_returns(close.column(a));
  }

  path_ = walk_forward(returns, settings_, fits_, workspace_);

  const mosaic::Shape shape = close.shape().aggregate(mosaic::kMarketColumn);
  mosaic::PanelWriter& p_high = out.panel("regime.p_high_vol", shape);
  mosaic::PanelWriter& state = out.panel("regime.state", shape);
  std::copy(path_.p_high_vol.begin(), path_.p_high_vol.end(), p_high.column(0).begin());
  std::copy(path_.state.begin(), path_.state.end(), state.column(0).begin());
  out.set_confidence("regime.p_high_vol", path_.confidence);
  out.set_confidence("regime.state", path_.confidence);
  // Before the first fit there is no estimate at the last bar, for lack of history, not
  // for a poor model: warm-up (mosaic.ext.warmup/1), whose confidence 0 the host does not
  // judge. After it the filter has a value at every bar, so a NaN here means no fit yet.
  if (path_.p_high_vol.empty() || std::isnan(path_.p_high_vol.back())) {
    out.set_warmup("regime.p_high_vol");
    out.set_warmup("regime.state");
  }
}

// Saved state, "RGM1" version 1, in the machine's byte order (mosaic/state.hpp):
//   u32 format, u32 version, i32 states, u64 settings fingerprint, u64 fit count, then per
//   fit: i64 bar, i64 first, u64 key, f64 loglik, i32 iterations, f64 mean[states],
//   f64 var[states], f64 trans[states][states] (row i = from state i).
std::vector<uint8_t> RegimeModule::save_state() {
  mosaic::StateWriter w;
  w.put<uint32_t>(kStateFormat).put<uint32_t>(1).put<int32_t>(settings_.states);
  w.put<uint64_t>(settings_.fingerprint()).put<uint64_t>(fits_.size());
  for (const auto& f : fits_) {
    w.put(f.bar).put(f.first).put(f.key).put(f.loglik).put(f.iterations);
    for (int i = 0; i < f.params.k; ++i) w.put(f.params.mean[i]);
    for (int i = 0; i < f.params.k; ++i) w.put(f.params.var[i]);
    for (int i = 0; i < f.params.k; ++i)
      for (int j = 0; j < f.params.k; ++j) w.put(f.params.trans[i][j]);
  }
  return w.take();
}

void RegimeModule::load_state(std::span<const uint8_t> bytes) {
  auto refuse = [](const std::string& why) { throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "regime state: " + why); };
  mosaic::StateReader r(bytes);
  if (r.get<uint32_t>() != kStateFormat) refuse("not a regime model (format tag is not RGM1)");
  if (const auto version = r.get<uint32_t>(); version != 1) refuse("format version " + std::to_string(version) + " is not 1");
  const auto states = r.get<int32_t>();
  if (states != settings_.states)
    refuse("the saved model has " + std::to_string(states) + " states, this instance is configured for " +
           std::to_string(settings_.states));
  r.get<uint64_t>();  // the saver's settings: informative only, the fit keys include them
  const auto count = r.get<uint64_t>();
  if (count > (1u << 20)) refuse(std::to_string(count) + " fits is implausible");
  std::vector<FitRecord> fits;
  for (uint64_t n = 0; n < count; ++n) {
    FitRecord f;
    f.bar = r.get<int64_t>();
    f.first = r.get<int64_t>();
    f.key = r.get<uint64_t>();
    f.loglik = r.get<double>();
    f.iterations = r.get<int32_t>();
    f.params.k = states;
    for (int i = 0; i < states; ++i) f.params.mean[i] = r.get<double>();
    for (int i = 0; i < states; ++i) f.params.var[i] = r.get<double>();
    for (int i = 0; i < states; ++i)
      for (int j = 0; j < states; ++j) f.params.trans[i][j] = r.get<double>();
    const std::string where = "fit " + std::to_string(n) + " (bar " + std::to_string(f.bar) + ")";
    if (const std::string why = check_params(f.params); !why.empty()) refuse(where + ": " + why);
    for (int i = 1; i < states; ++i)
      if (f.params.var[i] < f.params.var[i - 1]) refuse(where + ": states are not ordered by variance");
    if (f.first < 0 || f.first > f.bar || (!fits.empty() && f.bar <= fits.back().bar))
      refuse(where + ": bars out of order");
    if (!std::isfinite(f.loglik) || f.iterations < 0) refuse(where + ": bad log-likelihood or iteration count");
    fits.push_back(f);
  }
  if (!r.done()) refuse("trailing bytes after the last fit");
  fits_ = std::move(fits);  // only now: a refused load leaves the instance unchanged
}

// Values checked by hand (the arithmetic is in the comments).
void RegimeModule::self_test() {
  // Model: means 0, variances 1 and 4, trans = [[0.9, 0.1], [0.2, 0.8]].
  HmmParams p;
  p.k = 2;
  p.mean = {0.0, 0.0, 0.0};
  p.var = {1.0, 4.0, 0.0};
  p.trans[0] = {0.9, 0.1, 0.0};
  p.trans[1] = {0.2, 0.8, 0.0};
  // Stationary: pi_0 = 0.2 / (0.1 + 0.2) = 2/3.
  const StateVector pi = stationary(p);
  mosaic::expect_near(pi[0], 2.0 / 3.0, 1e-14, "stationary pi_0");
  mosaic::expect_near(pi[1], 1.0 / 3.0, 1e-14, "stationary pi_1");
  // From (0.5, 0.5): predicted = (0.5*0.9 + 0.5*0.2, 0.5*0.1 + 0.5*0.8) = (0.55, 0.45).
  // At r = 0 the densities are phi(0) = 1/sqrt(2 pi) and phi(0)/2, so
  // filtered = (0.55, 0.225) / 0.775 = (22/31, 9/31); log c = ln(0.775 / sqrt(2 pi)).
  const double prev[2] = {0.5, 0.5};
  double next[2];
  const double log_c = forward_step(p, prev, 0.0, next);
  mosaic::expect_near(next[0], 22.0 / 31.0, 1e-14, "forward step, calm state");
  mosaic::expect_near(next[1], 9.0 / 31.0, 1e-14, "forward step, volatile state");
  mosaic::expect_near(log_c, -1.1738307828334626, 1e-12, "forward step, log predictive density");
  // A missing return only predicts.
  forward_step(p, prev, std::nan(""), next);
  mosaic::expect_near(next[0], 0.55, 1e-15, "forward step over a missing return");

  // EM on blocks of +-1% (variance 1e-4) and +-3% (variance 9e-4), 100 bars each,
  // alternating four times: the fit puts them in separate states with about those
  // variances. Not exactly: a +-1% return is only 1.9 times likelier under the calm state,
  // so the posterior takes a few bars to switch at each boundary, and those bars are
  // shared (the volatile variance comes out 1.5% low).
  std::vector<double> r;
  for (int block = 0; block < 4; ++block)
    for (int i = 0; i < 100; ++i) r.push_back((i % 2 ? 1.0 : -1.0) * (block % 2 ? 0.03 : 0.01));
  EmWorkspace ws;
  const FitResult f = fit_multistart(r, 2, 3, 1, FitOptions{}, ws);
  mosaic::expect_near(f.params.var[0], 1e-4, 2e-6, "EM: calm variance");
  mosaic::expect_near(f.params.var[1], 9e-4, 3e-5, "EM: volatile variance");
  mosaic::expect_near(f.params.mean[0], 0.0, 1e-4, "EM: calm mean");
  // Three switches in 399 transitions, about 1.5 per row: P(leave) about 1.5/200.
  mosaic::expect_near(f.params.trans[0][1], 1.5 / 200.0, 4e-3, "EM: P(calm -> volatile)");
}

}  // namespace mosaic::regime
