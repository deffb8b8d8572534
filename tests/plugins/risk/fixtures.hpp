// Deterministic synthetic data for the risk tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace risk_test {

class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed * 2862933555777941757ULL + 3037000493ULL) {}
  double uniform() {  // in (0, 1)
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(state_ >> 11) + 0.5) / 9007199254740992.0;
  }
  double normal() {
    const double u = uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
  }

 private:
  uint64_t state_;
};

inline std::vector<std::vector<double>> random_prices(size_t assets, size_t bars, uint64_t seed) {
  Lcg rng(seed);
  std::vector<std::vector<double>> close(assets, std::vector<double>(bars));
  std::vector<double> level(assets, 100.0);
  for (size_t t = 0; t < bars; ++t) {
    const double market = rng.normal();
    for (size_t a = 0; a < assets; ++a) {
      if (t > 0) level[a] *= 1.0 + 0.0002 + 0.01 * market + (0.005 + 0.002 * double(a)) * rng.normal();
      close[a][t] = level[a];
    }
  }
  return close;
}

template <class T>
std::vector<std::span<const T>> views(const std::vector<std::vector<T>>& columns) {
  return {columns.begin(), columns.end()};
}
template <class T>
std::vector<std::span<T>> spans(std::vector<std::vector<T>>& columns) {
  return {columns.begin(), columns.end()};
}

}  // namespace risk_test
