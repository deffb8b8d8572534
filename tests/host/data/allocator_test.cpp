// The test programs keep the system's allocator (only the programs link jemalloc), so here
// the host finds glibc and the thread cache call does nothing harmful; the programs' side is
// checked through `mosaic --version` (test_cli) and the serve's soak test (test_integration).
#include "host/data/allocator.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <thread>

using mosaic::host::allocator_name;
using mosaic::host::stop_thread_cache;

#if !defined(__SANITIZE_ADDRESS__)
TEST_CASE("allocator: a program without jemalloc reports glibc and its version") {
  const std::string name = allocator_name();
  CHECK(name.rfind("glibc 2.", 0) == 0);
}
#endif

TEST_CASE("allocator: stopping a thread's cache twice, then allocating on, is safe") {
  std::thread([] {
    stop_thread_cache();
    stop_thread_cache();
    void* p = std::malloc(100);
    CHECK(p != nullptr);
    std::free(p);
  }).join();
}
