// The fingerprint that tells which configurations are one strategy.
#include "host/research/returns_hash.hpp"

#include <doctest/doctest.h>

#include <vector>

using mosaic::host::research::hash_returns;

TEST_CASE("returns hash: equal streams agree, one changed bar or a different length does not") {
  std::vector<double> a = {0.01, -0.02, 0.0, 0.003, 0.5, -0.1, 0.07};
  std::vector<double> b = a;
  CHECK(hash_returns(a) == hash_returns(b));
  b[3] = 0.0031;
  CHECK(hash_returns(a) != hash_returns(b));
  std::vector<double> shorter(a.begin(), a.end() - 1);
  CHECK(hash_returns(a) != hash_returns(shorter));
  // Swapping two bars is another stream.
  std::vector<double> swapped = a;
  std::swap(swapped[0], swapped[1]);
  CHECK(hash_returns(a) != hash_returns(swapped));
}

TEST_CASE("returns hash: a flat bar is flat whatever the sign of its zero") {
  const std::vector<double> plus = {0.0, 0.0, 0.01, 0.0, 0.0};
  const std::vector<double> minus = {-0.0, 0.0, 0.01, -0.0, 0.0};
  CHECK(hash_returns(plus) == hash_returns(minus));
  CHECK(hash_returns(std::vector<double>{}) != hash_returns(std::vector<double>{0.0}));
}
