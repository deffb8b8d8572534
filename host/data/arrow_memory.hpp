// The host side of Arrow ownership: the allocator modules build outputs with, and the
// release callbacks installed in those outputs. Both live in the host so that data
// survives the unloading of the library that produced it.
#pragma once

#include <mosaic/mosaic.h>

#include <cstddef>

namespace mosaic::host {

void* arrow_alloc(size_t size, size_t alignment);
void arrow_free(void* ptr);

// Frees a tree built as mosaic.h's mosaic_host::array_release describes.
void release_array(ArrowArray* array);
void release_schema(ArrowSchema* schema);

}  // namespace mosaic::host
