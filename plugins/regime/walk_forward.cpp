#include "walk_forward.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

namespace mosaic::regime {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A 64-bit mixing hash (splitmix64 finaliser over a running state): not cryptographic,
// only a fingerprint to recognise a fit already made on the same data.
struct Hasher {
  uint64_t h = 0x243F6A8885A308D3ull;
  Hasher& add(uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    uint64_t z = h;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    h = z ^ (z >> 31);
    return *this;
  }
  Hasher& add(double v) { return add(std::isnan(v) ? uint64_t{0x7FF8000000000000ull} : std::bit_cast<uint64_t>(v)); }
  Hasher& add(int64_t v) { return add(static_cast<uint64_t>(v)); }
};

int64_t first_finite(std::span<const double> r) {
  for (size_t t = 0; t < r.size(); ++t)
    if (std::isfinite(r[t])) return static_cast<int64_t>(t);
  return static_cast<int64_t>(r.size());
}

}  // namespace

uint64_t WalkForwardSettings::fingerprint() const {
  return Hasher{}
      .add(int64_t{1})  // bump when the fitting code changes what it computes
      .add(int64_t{states})
      .add(static_cast<int64_t>(window))
      .add(int64_t{window_length})
      .add(int64_t{refit_every})
      .add(int64_t{min_history})
      .add(int64_t{starts})
      .add(seed)
      .add(int64_t{fit.max_iter})
      .add(fit.tol)
      .add(fit.var_floor)
      .h;
}

std::vector<int64_t> scheduled_fit_bars(std::span<const double> returns, const WalkForwardSettings& s) {
  std::vector<int64_t> bars;
  const auto n = static_cast<int64_t>(returns.size());
  int64_t seen = 0, t0 = n;
  for (int64_t t = 0; t < n; ++t)
    if (std::isfinite(returns[static_cast<size_t>(t)]) && ++seen == s.min_history) {
      t0 = t;
      break;
    }
  for (int64_t t = t0; t < n; t += s.refit_every) bars.push_back(t);
  return bars;
}

int64_t window_start(std::span<const double> returns, const WalkForwardSettings& s, int64_t bar) {
  const int64_t first = first_finite(returns);
  if (s.window == WindowMode::Rolling) return std::max(first, bar - s.window_length + 1);
  return first;
}

RegimePath walk_forward(std::span<const double> returns, const WalkForwardSettings& s,
                        std::vector<FitRecord>& fits, EmWorkspace& ws) {
  const size_t n = returns.size();
  RegimePath path;
  path.p_high_vol.assign(n, kNaN);
  path.state.assign(n, kNaN);

  std::unordered_map<uint64_t, const FitRecord*> known;
  for (const auto& f : fits) known.emplace(f.key, &f);
  const std::vector<int64_t> bars = scheduled_fit_bars(returns, s);
  std::vector<FitRecord> made;
  made.reserve(bars.size());  // `current` points into it
  const uint64_t settings = s.fingerprint();
  Hasher data;  // running hash of returns[0..t]
  size_t hashed = 0;
  uint64_t previous_key = settings;
  size_t next_fit = 0;

  const auto k = static_cast<size_t>(s.states);
  StateVector alpha{};
  const HmmParams* current = nullptr;

  for (size_t t = 0; t < n; ++t) {
    bool refitted = false;
    if (next_fit < bars.size() && bars[next_fit] == static_cast<int64_t>(t)) {
      ++next_fit;
      for (; hashed <= t; ++hashed) data.add(returns[hashed]);
      const int64_t bar = static_cast<int64_t>(t);
      const int64_t first = window_start(returns, s, bar);
      const uint64_t key = Hasher{}.add(previous_key).add(bar).add(first).add(data.h).h;
      const std::span<const double> window = returns.subspan(static_cast<size_t>(first), t + 1 - static_cast<size_t>(first));
      FitRecord record;
      bool ok = true;
      if (auto it = known.find(key); it != known.end()) {
        record = *it->second;
        ++path.fits_reused;
      } else {
        try {
          FitResult f = current ? fit_em(window, *current, s.fit, ws)
                                : fit_multistart(window, s.states, s.starts, s.seed, s.fit, ws);
          ok = std::isfinite(f.loglik) && check_params(f.params).empty();
          record = FitRecord{bar, first, key, f.params, f.loglik, f.iterations};
          ++path.fits_computed;
        } catch (const std::invalid_argument&) {
          ok = false;  // an unfittable window: keep what is in force
        }
      }
      if (ok) {
        made.push_back(record);  // no reallocation: reserved
        previous_key = key;
        current = &made.back().params;
        refitted = true;
        if (made.size() == 1) {
          // The first fit: its own forward pass over its window gives the filter at t.
          const StateVector pi = stationary(*current);
          alpha = pi;
          for (size_t u = static_cast<size_t>(first); u <= t; ++u)
            forward_step(*current, alpha.data(), returns[u], alpha.data());
        }
      }
    }
    if (!current) continue;
    if (!(refitted && made.size() == 1)) forward_step(*current, alpha.data(), returns[t], alpha.data());
    size_t best = 0;
    for (size_t j = 1; j < k; ++j)
      if (alpha[j] > alpha[best]) best = j;
    path.p_high_vol[t] = alpha[k - 1];
    path.state[t] = static_cast<double>(best);
    if (t + 1 == n) path.confidence = alpha[best];
  }
  fits = std::move(made);
  return path;
}

}  // namespace mosaic::regime
