// The every-bar test of a weights column: one non-finite value anywhere (in the vector body
// or the tail, at either end) makes a column not finite.
#include "host/backtest/all_finite.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

using mosaic::host::all_finite;

TEST_CASE("all_finite: finds a NaN or an infinity at any place of any length") {
  const double inf = std::numeric_limits<double>::infinity();
  for (double bad : {std::nan(""), -std::nan(""), inf, -inf}) {
    for (size_t n = 1; n <= 13; ++n) {
      for (size_t at = 0; at < n; ++at) {
        std::vector<double> column(n, 0.5);
        column[at] = bad;
        CHECK_MESSAGE(!all_finite(column.data(), n), "length ", n, ", non-finite at ", at);
      }
    }
  }
}

TEST_CASE("all_finite: every finite value passes, the extremes included") {
  const double least = std::numeric_limits<double>::denorm_min(), most = std::numeric_limits<double>::max();
  const std::vector<double> column = {0.0, -0.0, least, -least, most, -most, 1.0, -1e-300, 1e300};
  for (size_t n = 0; n <= column.size(); ++n) CHECK(all_finite(column.data(), n));
  CHECK(all_finite(nullptr, 0));
}
