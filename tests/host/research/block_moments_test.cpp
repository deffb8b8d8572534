#include "host/research/block_moments.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace mosaic::host::research;

TEST_CASE("research: CSCV blocks give the first T mod S blocks one extra row") {
  CHECK(block_rows(10, 4, 0) == 3);
  CHECK(block_rows(10, 4, 1) == 3);
  CHECK(block_rows(10, 4, 2) == 2);
  CHECK(block_rows(10, 4, 3) == 2);
  CHECK(block_rows(3, 4, 3) == 0);
}

TEST_CASE("research: block moments are each block's rows, sum and sum of squares") {
  const std::vector<double> r = {1, 2, 3, 4, 5, 6, 7};  // blocks {1,2,3} {4,5} {6,7}
  const BlockMoments m = block_moments(r, 3);
  REQUIRE(m.blocks() == 3);
  CHECK(m.rows == std::vector<double>{3, 2, 2});
  CHECK(m.sum == std::vector<double>{6, 9, 13});
  CHECK(m.sumsq == std::vector<double>{14, 41, 85});
  CHECK(std::accumulate(m.rows.begin(), m.rows.end(), 0.0) == 7);
}

TEST_CASE("research: a non-finite return shows in its block's moments, and zero blocks is refused") {
  const BlockMoments m = block_moments(std::vector<double>{1, NAN, 3, 4}, 2);
  CHECK(std::isnan(m.sum[0]));
  CHECK(m.sum[1] == 7);
  CHECK_THROWS_AS(block_moments(std::vector<double>{1, 2}, 0), std::invalid_argument);
  CHECK(block_moments({}, 2).rows == std::vector<double>{0, 0});
}

TEST_CASE("research: block moments equal, bit for bit, the sums taken one block after another") {
  // The sums run four blocks abreast; each must still add its rows in order. Random returns
  // with a wide spread of magnitudes make any other order show in the last bits.
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(state >> 11) / 9007199254740992.0;
    return (u - 0.5) * std::pow(10.0, static_cast<double>(state % 7) - 3.0);
  };
  for (size_t n : {0, 1, 3, 17, 64, 1001}) {
    std::vector<double> r(n);
    for (auto& x : r) x = next();
    for (size_t blocks = 1; blocks <= 24; ++blocks) {
      const BlockMoments m = block_moments(r, blocks);
      size_t t = 0;
      for (size_t s = 0; s < blocks; ++s) {
        double sum = 0, sumsq = 0;
        const size_t len = block_rows(n, blocks, s);
        for (size_t k = 0; k < len; ++k, ++t) {
          sum += r[t];
          sumsq += r[t] * r[t];
        }
        CHECK(m.rows[s] == static_cast<double>(len));
        CHECK(m.sum[s] == sum);
        CHECK(m.sumsq[s] == sumsq);
      }
      CHECK(t == n);
    }
  }
}
