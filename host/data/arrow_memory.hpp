// The host side of Arrow ownership: the allocator modules build outputs with, and the
// release callbacks installed in those outputs. Both live in the host so that data
// survives the unloading of the library that produced it.
#pragma once

#include <mosaic/mosaic.h>

#include <cstddef>

namespace mosaic::host {

void* arrow_alloc(size_t size, size_t alignment);
void arrow_free(void* ptr);

// For `mosaic modules check`: told of every block arrow_alloc hands out and arrow_free takes
// back, whichever host table a module used (the one from init or from create), so that a
// block from anywhere else in an output is found. None by default; set it before modules
// run, from one thread.
struct AllocationObserver {
  void (*allocated)(void* block);
  void (*freed)(void* block);
};
void observe_allocations(const AllocationObserver* observer);

// Frees a tree built as mosaic.h's mosaic_host::array_release describes.
void release_array(ArrowArray* array);
void release_schema(ArrowSchema* schema);

}  // namespace mosaic::host
