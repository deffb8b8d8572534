// Deterministic synthetic data for the portfolio tests.
#pragma once

#include "support/synthetic_prices.hpp"

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace portfolio_test {

using mosaic_test::Lcg;

inline std::vector<std::vector<double>> random_prices(size_t assets, size_t bars, uint64_t seed) {
  return mosaic_test::random_walks(assets, bars, seed, {0.0003, 0.008, 0.004, 0.003});
}

// Scores in [-1, 1] that wander slowly.
inline std::vector<std::vector<double>> random_signals(size_t assets, size_t bars, uint64_t seed) {
  Lcg rng(seed);
  std::vector<std::vector<double>> s(assets, std::vector<double>(bars));
  for (size_t a = 0; a < assets; ++a) {
    double x = 0.0;
    for (size_t t = 0; t < bars; ++t) {
      x = 0.9 * x + 0.3 * rng.normal();
      s[a][t] = std::tanh(x);
    }
  }
  return s;
}

template <class T>
std::vector<std::span<const T>> views(const std::vector<std::vector<T>>& columns) {
  return {columns.begin(), columns.end()};
}
template <class T>
std::vector<std::span<T>> spans(std::vector<std::vector<T>>& columns) {
  return {columns.begin(), columns.end()};
}

}  // namespace portfolio_test
