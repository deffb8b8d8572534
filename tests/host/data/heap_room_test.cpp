// back_heap_room backs room in the calling thread's malloc arena, and blocks allocated
// afterwards write into it without page faults. Each case runs in a forked child: there every
// page is shared with the test process until written, so a write into memory that was not
// backed faults, whatever this process freed before.
#include "host/data/heap_room.hpp"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <vector>

using mosaic::host::back_heap_room;
using mosaic::host::thread_page_faults;

// AddressSanitizer replaces malloc with its own allocator, whose blocks the room does not
// reach; the sanitizer build checks the memory handling, not the faults.
#if !defined(__SANITIZE_ADDRESS__)
namespace {

constexpr size_t kBlock = 180 * 1024;  // a 2,216 x 10 panel of doubles
constexpr size_t kBlocks = 16;         // 2.8 MiB, 720 pages

// The page faults of allocating and writing kBlocks panels, in a child, after `backed`
// bytes of room; -1 if the child failed.
long faults_of_writing_panels(size_t backed) {
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(pipe_fds[0]);
    if (backed > 0 && back_heap_room(backed) != backed) _exit(1);
    const long before = thread_page_faults();
    std::vector<void*> panels;
    panels.reserve(kBlocks);
    for (size_t i = 0; i < kBlocks; ++i) {
      void* p = std::malloc(kBlock);
      if (!p) _exit(1);
      std::memset(p, 1, kBlock);
      panels.push_back(p);
    }
    const long faults = thread_page_faults() - before;
    for (void* p : panels) std::free(p);
    if (write(pipe_fds[1], &faults, sizeof faults) != sizeof faults) _exit(1);
    _exit(0);
  }
  close(pipe_fds[1]);
  long faults = -1;
  if (read(pipe_fds[0], &faults, sizeof faults) != sizeof faults) faults = -1;
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? faults : -1;
}

}  // namespace

TEST_CASE("heap room: panels written into backed room fault no pages; without it, nearly every page faults") {
  const long pages = static_cast<long>(kBlocks * kBlock / static_cast<size_t>(sysconf(_SC_PAGESIZE)));
  const long without = faults_of_writing_panels(0);
  const long with = faults_of_writing_panels(kBlocks * kBlock + (1 << 20));
  INFO("pages " << pages << ", faults without room " << without << ", with " << with);
  REQUIRE(without >= 0);
  REQUIRE(with >= 0);
  CHECK(without > pages * 9 / 10);
  CHECK(with < pages / 10);
}
#endif

TEST_CASE("heap room: an empty or tiny request backs nothing; a huge one is capped at 64 MiB") {
  CHECK(back_heap_room(0) == 0);
  CHECK(back_heap_room(100) == 0);
  CHECK(back_heap_room(size_t{1} << 40) == (size_t{64} << 20));
}

TEST_CASE("heap room: a host inside another program leaves the allocator alone when told to") {
  mosaic::host::allow_allocator_tuning(false);
  CHECK(back_heap_room(size_t{1} << 20) == 0);
  mosaic::host::allow_allocator_tuning(true);
  CHECK(back_heap_room(size_t{1} << 20) == (size_t{1} << 20));
}
