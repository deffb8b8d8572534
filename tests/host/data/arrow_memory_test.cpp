#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "host/data/arrow_memory.hpp"

using mosaic::host::arrow_alloc;
using mosaic::host::arrow_free;

TEST_CASE("arrow_alloc: aligned blocks; 0 means 64; a bad alignment is refused") {
  void* p = arrow_alloc(100, 0);
  REQUIRE(p != nullptr);
  CHECK(reinterpret_cast<std::uintptr_t>(p) % 64 == 0);
  arrow_free(p);
  p = arrow_alloc(0, 128);
  REQUIRE(p != nullptr);
  CHECK(reinterpret_cast<std::uintptr_t>(p) % 128 == 0);
  arrow_free(p);
  CHECK(arrow_alloc(8, 48) == nullptr);
  arrow_free(nullptr);
}

TEST_CASE("arrow_alloc: a size that would wrap when rounded up is out of memory, not a tiny block") {
  constexpr size_t kMax = std::numeric_limits<size_t>::max();
  CHECK(arrow_alloc(kMax, 64) == nullptr);
  CHECK(arrow_alloc(kMax - 10, 0) == nullptr);
  CHECK(arrow_alloc(kMax - 63, 64) == nullptr);
}
