// Room for a pipeline's first outputs. A fresh process's first call writes megabytes into
// memory the process has never touched, and the kernel faults each new 4 KiB page in on
// its own (1.4 us a page on the 2-core Xeon VM, 11 us on another): that was most of a cold
// call's extra time (technical on the example: 714 faults, 2.0 ms against 0.8 ms warm).
// Backing the room beforehand in one madvise lets those blocks reuse pages already there.
#pragma once

#include <cstddef>

namespace mosaic::host {

// Whether the two calls below may change the process's malloc settings; true by default. A
// host that lives inside another program (the Python package) turns it off first: the
// program's allocator is its own. Process-wide.
void allow_allocator_tuning(bool allowed);

// glibc gives a freed block above its thresholds back to the kernel, so the next block
// faults fresh zeroed pages in again. From now on blocks below `largest_block` come from the
// malloc arenas, and up to `kept` bytes of freed memory stay in the process. Each value
// rises, never falls, with the calls; process-wide.
void keep_freed_memory(size_t largest_block, size_t kept);

// Backs `bytes` (at most 64 MiB) of the calling thread's malloc arena with pages now and
// keeps them there for the thread's next allocations. Returns the bytes backed (0 when
// tuning is not allowed).
size_t back_heap_room(size_t bytes);

// The minor page faults of the calling thread so far (getrusage).
long thread_page_faults();

}  // namespace mosaic::host
