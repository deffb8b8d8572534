// Arrow blocks a thread frees are kept for its next allocation of about the same size:
// bounded, per thread, and never handed out too small, too large or misaligned.
#include "host/data/arrow_memory.hpp"
#include "host/data/block_recycler.hpp"

#include <doctest/doctest.h>

#include <malloc.h>

#include <cstdint>
#include <cstdlib>
#include <thread>
#include <vector>

using mosaic::host::arrow_alloc;
using mosaic::host::arrow_free;
using mosaic::host::recycle_block;
using mosaic::host::take_recycled_block;

#if !defined(__SANITIZE_ADDRESS__)

TEST_CASE("block recycler: a freed panel-sized block is the next one of that size") {
  void* a = arrow_alloc(44 * 1024, 64);
  REQUIRE(a != nullptr);
  arrow_free(a);
  void* b = arrow_alloc(44 * 1024, 64);
  CHECK(b == a);
  arrow_free(b);
}

TEST_CASE("block recycler: not for a smaller, much larger, or more aligned request") {
  void* block = std::aligned_alloc(64, 64 * 1024);
  REQUIRE(block != nullptr);
  REQUIRE(recycle_block(block, malloc_usable_size(block)));
  CHECK(take_recycled_block(128 * 1024, 64) == nullptr);  // too small for it
  CHECK(take_recycled_block(20 * 1024, 64) == nullptr);   // it would waste more than a quarter
  void* got = take_recycled_block(60 * 1024, 64);
  CHECK(got == block);
  std::free(got);
  CHECK(take_recycled_block(60 * 1024, 64) == nullptr);  // taken
}

TEST_CASE("block recycler: small blocks go back to malloc; at most 32 are kept") {
  size_t kept = 0;
  bool small_kept = true;
  std::thread([&] {  // a thread of its own: nothing kept yet
    void* small = std::malloc(1024);
    small_kept = recycle_block(small, malloc_usable_size(small));
    if (!small_kept) std::free(small);
    std::vector<void*> blocks;
    for (int i = 0; i < 40; ++i) blocks.push_back(std::aligned_alloc(64, 32 * 1024));
    for (void* b : blocks) {
      if (recycle_block(b, malloc_usable_size(b))) ++kept;
      else std::free(b);
    }
  }).join();  // the thread's end frees what it kept
  CHECK_FALSE(small_kept);
  CHECK(kept == 32);
}

TEST_CASE("block recycler: another thread's kept blocks are its own") {
  void* a = arrow_alloc(48 * 1024, 64);
  arrow_free(a);
  void* elsewhere = nullptr;
  std::thread([&] { elsewhere = take_recycled_block(48 * 1024, 64); }).join();
  CHECK(elsewhere == nullptr);
  void* mine = take_recycled_block(48 * 1024, 64);
  CHECK(mine == a);
  std::free(mine);
}

#endif
