// Blocks of Arrow buffers that a thread freed, kept for its next allocations of about the
// same size. A search allocates and frees the same panel-sized blocks with every
// configuration; handing them back through malloc cost chunk consolidation and unlinking on
// every call. Bounded per thread; freed when the thread ends. Under AddressSanitizer
// nothing is kept, so that a use after free still lands in freed memory and is reported.
#pragma once

#include <cstddef>

namespace mosaic::host {

// A kept block of at least `size` bytes (and at most a quarter more) aligned to `alignment`,
// or nullptr.
void* take_recycled_block(size_t size, size_t alignment);

// Keeps `block` (from malloc, with `usable` bytes) for the calling thread when it is large
// enough to be worth it and there is room; false if the caller must free it.
bool recycle_block(void* block, size_t usable);

}  // namespace mosaic::host
