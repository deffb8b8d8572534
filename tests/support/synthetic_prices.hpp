// Deterministic synthetic data for module tests: a fully specified generator (the std::
// distributions differ between standard libraries) and correlated random-walk prices.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace mosaic_test {

class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed * 2862933555777941757ULL + 3037000493ULL) {}
  double uniform() {  // in (0, 1)
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(state_ >> 11) + 0.5) / 9007199254740992.0;
  }
  double normal() {  // Box-Muller
    const double u = uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
  }

 private:
  uint64_t state_;
};

// How the random walks move per bar: drift + beta * market + (vol + vol_step * asset) * noise.
struct WalkShape {
  double drift, beta, vol, vol_step;
};

// Prices of `assets` correlated random walks over `bars` bars (one vector per asset): a
// common factor plus noise, with volatility growing with the asset index.
inline std::vector<std::vector<double>> random_walks(size_t assets, size_t bars, uint64_t seed, WalkShape s) {
  Lcg rng(seed);
  std::vector<std::vector<double>> close(assets, std::vector<double>(bars));
  std::vector<double> level(assets, 100.0);
  for (size_t t = 0; t < bars; ++t) {
    const double market = rng.normal();
    for (size_t a = 0; a < assets; ++a) {
      if (t > 0) level[a] *= 1.0 + s.drift + s.beta * market + (s.vol + s.vol_step * double(a)) * rng.normal();
      close[a][t] = level[a];
    }
  }
  return close;
}

}  // namespace mosaic_test
