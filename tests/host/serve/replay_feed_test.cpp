#include "host/serve/bar_feed.hpp"
#include "host/serve/replay_feed.hpp"

#include "host/data/data_error.hpp"
#include "host/data/price_csv.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace mosaic::host::serve;
using namespace std::chrono_literals;

TEST_CASE("a replay shows its warm-up at once and then bars at the given speed") {
  const std::string file = std::string(MOSAIC_DATA_DIR) + "/spisector.csv";
  ReplayFeed feed(file, {.bars_per_second = 200, .warmup_bars = 100});
  CHECK(feed.history().bars() == 100);
  const auto start = std::chrono::steady_clock::now();
  size_t seen = 0;
  while (seen < 20) seen += feed.poll(50ms);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds >= 19.0 / 200.0);  // bar k is not shown before k / speed
  CHECK(feed.history().bars() == 100 + seen);
  const auto all = mosaic::host::read_price_csv(file);
  const auto w = feed.history().window(feed.history().bars(), 5);
  CHECK(w.ts.back() == all.ts[feed.history().bars() - 1]);
  CHECK(w.fields.at("close") .size() == 5 * all.assets());
  CHECK_FALSE(feed.finished());
}

TEST_CASE("feed specs name their kind") {
  CHECK_THROWS_WITH_AS(open_feed("stream:x.csv", {}), doctest::Contains("replay:PATH or tail:PATH"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(open_feed("replay:", {}), doctest::Contains("replay:PATH"), std::invalid_argument);
  CHECK_THROWS_AS(open_feed("replay:/no/such/file.csv", {}), mosaic::host::DataError);
}
