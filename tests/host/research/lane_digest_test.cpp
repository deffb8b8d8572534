// digest_lanes against digest_returns run by run: the same hash and the same moments, to the
// bit, over the lengths and block counts where the four-at-a-time loops have tails.
#include "host/research/lane_digest.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

using namespace mosaic::host::research;

namespace {

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::bit_cast<uint64_t>(a[i]) != std::bit_cast<uint64_t>(b[i])) return false;
  return true;
}

// Returns of kDigestLanes runs, interleaved; some are -0.0, and with `odd` a NaN or an infinity.
std::vector<double> interleaved(size_t count, std::mt19937_64& rng, bool odd) {
  std::normal_distribution<double> draw(0.0005, 0.01);
  std::vector<double> rows(count * kDigestLanes);
  for (double& x : rows) x = draw(rng);
  for (size_t i = 0; i < rows.size(); i += 7) rows[i] = -0.0;
  if (odd && !rows.empty()) {
    rows[rng() % rows.size()] = std::nan("");
    rows[rng() % rows.size()] = -std::numeric_limits<double>::infinity();
  }
  return rows;
}

}  // namespace

TEST_CASE("digest_lanes: each lane's hash and block moments are digest_returns' to the bit") {
  std::mt19937_64 rng(12);
  for (size_t count : {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 100, 5548}) {
    for (size_t blocks : {1, 2, 3, 4, 5, 7, 8, 16, 17}) {
      for (bool odd : {false, true}) {
        const std::vector<double> rows = interleaved(count, rng, odd);
        const auto lanes = digest_lanes(rows.data(), count, blocks);
        for (size_t k = 0; k < kDigestLanes; ++k) {
          const ReturnsDigest alone = digest_returns(StridedReturns(rows.data() + k, count, kDigestLanes), blocks);
          CAPTURE(count);
          CAPTURE(blocks);
          CAPTURE(k);
          CHECK(lanes[k].hash == alone.hash);
          CHECK(lanes[k].moments.rows == alone.moments.rows);
          CHECK(same_bits(lanes[k].moments.sum, alone.moments.sum));
          CHECK(same_bits(lanes[k].moments.sumsq, alone.moments.sumsq));
        }
      }
    }
  }
}

TEST_CASE("digest_lanes: runs with different returns get different hashes, and zero blocks is refused") {
  std::vector<double> rows(40 * kDigestLanes, 0.01);
  rows[5 * kDigestLanes + 2] = 0.02;  // run 2 differs at one bar
  const auto lanes = digest_lanes(rows.data(), 40, 4);
  CHECK(lanes[0].hash == lanes[1].hash);
  CHECK(lanes[0].hash != lanes[2].hash);
  CHECK_THROWS_AS(digest_lanes(rows.data(), 40, 0), std::invalid_argument);
}
