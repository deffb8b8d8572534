// The process's allocator, as far as the host asks anything of it. The programs link
// jemalloc (CMakeLists.txt, MOSAIC_JEMALLOC); the libraries leave the choice to their
// embedder, so these calls find out at run time which one is there.
#pragma once

#include <string>

namespace mosaic::host {

// "jemalloc 5.3.0-0-g..." or "glibc 2.36": what serves malloc in this process.
std::string allocator_name();

// Stops the calling thread's allocator cache, handing what it holds back. jemalloc keeps
// freed blocks per thread for that thread's next allocations; a pool of hundreds of threads
// that each serve a request now and then (the serve's HTTP pool) held megabytes in those
// caches for nothing. Nothing under glibc, whose per-thread cache holds a few blocks per
// size. Once per thread is enough; later calls cost a thread-local check.
void stop_thread_cache();

}  // namespace mosaic::host
