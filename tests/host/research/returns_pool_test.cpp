// The PBO sample's store: series copied as floats into reusable slots, readable after the
// pool is gone.
#include "host/research/returns_pool.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <thread>
#include <vector>

using namespace mosaic::host::research;

namespace {

std::vector<double> series(size_t n, double scale) {
  std::vector<double> r(n);
  for (size_t i = 0; i < n; ++i) r[i] = scale * (0.001 * static_cast<double>(i) - 0.3) / 3.0;
  return r;
}

bool holds(const KeptReturns& k, const std::vector<double>& r) {
  if (k.size() != r.size()) return false;
  for (size_t i = 0; i < r.size(); ++i)
    if (k[i] != static_cast<float>(r[i])) return false;
  return true;
}

}  // namespace

TEST_CASE("returns pool: series are kept as floats, across many blocks, and outlive the pool") {
  std::vector<KeptReturns> kept;
  std::vector<std::vector<double>> originals;
  {
    ReturnsPool pool;
    // 3000 floats a series: a few hundred per block, so 1000 series span several blocks.
    for (size_t i = 0; i < 1000; ++i) {
      originals.push_back(series(3000, static_cast<double>(i + 1)));
      kept.push_back(pool.keep(originals.back()));
    }
  }
  for (size_t i = 0; i < kept.size(); ++i) {
    CAPTURE(i);
    REQUIRE(holds(kept[i], originals[i]));
  }
  CHECK(std::distance(kept[5].begin(), kept[5].end()) == 3000);
}

TEST_CASE("returns pool: a released slot is reused, the others are untouched") {
  ReturnsPool pool;
  const auto a = series(50, 1), b = series(50, 2), c = series(50, 3);
  KeptReturns ka = pool.keep(a), kb = pool.keep(b);
  const float* slot_a = ka.begin();
  pool.release(ka);
  CHECK(ka.empty());
  KeptReturns kc = pool.keep(c);
  CHECK(kc.begin() == slot_a);
  CHECK(holds(kc, c));
  CHECK(holds(kb, b));
}

TEST_CASE("returns pool: an empty series keeps nothing, and one of another length gets its own storage") {
  ReturnsPool pool;
  CHECK(pool.keep(std::vector<double>{}).empty());
  const auto first = series(40, 1), other = series(7, 2), again = series(40, 3);
  KeptReturns k1 = pool.keep(first), k2 = pool.keep(other);
  CHECK(holds(k1, first));
  CHECK(holds(k2, other));
  pool.release(k2);  // not a pool slot: nothing to reuse
  KeptReturns k3 = pool.keep(again);
  CHECK(holds(k3, again));
  CHECK(k3.begin() != k1.begin());
}

TEST_CASE("returns pool: threads keeping and releasing at once each get a slot of their own") {
  ReturnsPool pool;
  std::vector<std::vector<KeptReturns>> kept(4);
  std::vector<std::thread> threads;
  for (size_t w = 0; w < kept.size(); ++w)
    threads.emplace_back([&, w] {
      for (size_t i = 0; i < 600; ++i) {
        kept[w].push_back(pool.keep(series(500, static_cast<double>(1000 * w + i + 1))));
        if (i % 3 == 2) pool.release(kept[w][i - 1]);  // its slot goes to whoever asks next
      }
    });
  for (auto& t : threads) t.join();
  for (size_t w = 0; w < kept.size(); ++w)
    for (size_t i = 0; i < kept[w].size(); ++i) {
      if (i % 3 == 1) {
        CHECK(kept[w][i].empty());
        continue;
      }
      CAPTURE(w);
      CAPTURE(i);
      CHECK(holds(kept[w][i], series(500, static_cast<double>(1000 * w + i + 1))));
    }
}
