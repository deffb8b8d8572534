// The causal walk forward: when the model is (re)fitted, on which window, and the filtered
// regime probabilities it produces bar by bar.
//
// Schedule. Let t0 be the bar at which the min_history-th finite return arrives. The model
// is fitted at t0 (fit_multistart: `starts` starting points) and refitted at t0 + refit_every,
// t0 + 2 refit_every, ... (fit_em warm-started from the previous fit: one start). The fit at
// bar t sees the returns of its window only:
//   expanding: from the first finite return to t;
//   rolling:   the last window_length bars up to t.
// A window that cannot be fitted (too few finite returns, no variation) leaves the previous
// fit in force (or, before the first fit, waits for the next scheduled bar).
//
// Outputs. Nothing before t0 (NaN). At t0 the filter is the fitted model's forward pass
// over its window, from the stationary distribution. After that it continues one
// forward_step per bar; at a refit bar t the new parameters are switched in before bar t's
// step. So the output at bar t uses only returns up to t and parameters fitted on returns
// up to t: it is the filtered probability, never a smoothed one.
//
// Reuse. Each fit carries a key: a hash of the settings, the fit's bar and window, every
// return up to that bar, and the previous fit's key (its warm start). A fit whose key
// matches one from the previous call, or from a loaded state, is taken as it is instead of
// being recomputed; since a fit is a pure function of what the key covers, the outputs are
// bit-identical either way. A growing series (serve) then costs one filter step per new
// bar and a warm refit every refit_every bars.
#pragma once

#include "hmm.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace mosaic::regime {

enum class WindowMode : int32_t { Expanding = 0, Rolling = 1 };

struct WalkForwardSettings {
  int states = 2;
  WindowMode window = WindowMode::Expanding;
  int window_length = 756;
  int refit_every = 63;
  int min_history = 252;
  int starts = 5;
  uint64_t seed = 1;
  FitOptions fit;

  // A hash of every field: part of each fit's key.
  uint64_t fingerprint() const;
};

struct FitRecord {
  int64_t bar = 0;    // the fit saw returns up to this bar; its parameters apply from here on
  int64_t first = 0;  // first bar of its window
  uint64_t key = 0;
  HmmParams params;
  double loglik = 0.0;
  int32_t iterations = 0;  // EM updates (of the winning start, for the first fit)
  bool operator==(const FitRecord&) const = default;
};

struct RegimePath {
  std::vector<double> p_high_vol;  // filtered P(highest-variance state), NaN before the first fit
  std::vector<double> state;       // argmax of the filtered posterior, 0 = calmest; NaN before
  double confidence = 0.0;         // filtered posterior of the chosen state at the last bar; 0 if none
  size_t fits_reused = 0;
  size_t fits_computed = 0;
};

// The bars at which a fit is scheduled (before any window is found unfittable).
std::vector<int64_t> scheduled_fit_bars(std::span<const double> returns, const WalkForwardSettings& s);

// The window [first, bar] of a fit at `bar`.
int64_t window_start(std::span<const double> returns, const WalkForwardSettings& s, int64_t bar);

// Runs the walk forward over `returns`. `fits` comes in with the fits of an earlier call
// (or a loaded state, or empty) and leaves with this call's fits, in bar order.
RegimePath walk_forward(std::span<const double> returns, const WalkForwardSettings& s,
                        std::vector<FitRecord>& fits, EmWorkspace& ws);

}  // namespace mosaic::regime
