// Deterministic synthetic data for the risk tests.
#pragma once

#include "support/synthetic_prices.hpp"

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace risk_test {

using mosaic_test::Lcg;

inline std::vector<std::vector<double>> random_prices(size_t assets, size_t bars, uint64_t seed) {
  return mosaic_test::random_walks(assets, bars, seed, {0.0002, 0.01, 0.005, 0.002});
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
