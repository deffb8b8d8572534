// Arrow blocks that a thread freed, kept for its next allocations of about the same size.
// A search allocates and frees the same panel-sized blocks, and the same small structs and
// strings around them, with every configuration; handing them back through malloc cost chunk
// consolidation and unlinking on every call. Bounded per thread; freed when the thread ends. Under AddressSanitizer
// nothing is kept, so that a use after free still lands in freed memory and is reported.
#pragma once

#include <cstddef>

namespace mosaic::host {

// A kept block of at least `size` bytes aligned to `alignment`, or nullptr. A panel-sized
// one (16 KiB and up) has at most a quarter more; a small one is of the 64-byte class above
// `size` and serves alignments up to 64.
void* take_recycled_block(size_t size, size_t alignment);

// Keeps `block` (from malloc, with `usable` bytes) for the calling thread when there is room
// (a small block only when it is 64-byte aligned and at most 1 KiB); false if the caller
// must free it.
bool recycle_block(void* block, size_t usable);

}  // namespace mosaic::host
