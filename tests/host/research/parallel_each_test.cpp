#include "host/research/parallel_each.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using mosaic::host::research::parallel_each;

TEST_CASE("research: parallel_each visits every index once, on at most the threads it is given") {
  for (int threads : {1, 2, 5}) {
    for (size_t count : {size_t{0}, size_t{1}, size_t{3}, size_t{1000}}) {
      std::vector<std::atomic<int>> seen(count);
      std::atomic<int> highest_worker{-1};
      parallel_each(count, threads, [&](int w, size_t i) {
        ++seen[i];
        int h = highest_worker.load();
        while (w > h && !highest_worker.compare_exchange_weak(h, w)) {
        }
      });
      for (const auto& s : seen) CHECK(s.load() == 1);
      CHECK(highest_worker.load() < threads);
      if (count > 0) CHECK(highest_worker.load() < static_cast<int>(count));
    }
  }
}

TEST_CASE("research: parallel_each rethrows the first failure and stops handing out work") {
  for (int threads : {1, 2}) {
    std::atomic<size_t> ran{0};
    CHECK_THROWS_WITH_AS(parallel_each(1000, threads,
                                       [&](int, size_t i) {
                                         ++ran;
                                         if (i == 10) throw std::runtime_error("item 10 failed");
                                       }),
                         "item 10 failed", std::runtime_error);
    // One worker takes the items in order and stops at the failure; with more, how many the
    // others finish first depends on scheduling.
    if (threads == 1) CHECK(ran.load() == 11);
  }
}
