#include "host/data/arrow_memory.hpp"

#include "host/data/block_recycler.hpp"

#include <malloc.h>

#include <cstdlib>
#include <limits>

namespace mosaic::host {

namespace {
const AllocationObserver* g_observer = nullptr;
}  // namespace

void observe_allocations(const AllocationObserver* observer) { g_observer = observer; }

void* arrow_alloc(size_t size, size_t alignment) {
  if (alignment == 0) alignment = 64;
  if (alignment < sizeof(void*)) alignment = sizeof(void*);
  if ((alignment & (alignment - 1)) != 0) return nullptr;
  // A size this close to SIZE_MAX would wrap when rounded up and hand back a tiny block.
  if (size > std::numeric_limits<size_t>::max() - alignment) return nullptr;
  // aligned_alloc wants a size that is a multiple of the alignment.
  size_t rounded = (size + alignment - 1) / alignment * alignment;
  void* block = take_recycled_block(rounded, alignment);
  if (!block) block = std::aligned_alloc(alignment, rounded == 0 ? alignment : rounded);
  if (block && g_observer) g_observer->allocated(block);
  return block;
}

void arrow_free(void* ptr) {
  if (!ptr) return;
  if (g_observer) g_observer->freed(ptr);
  if (!recycle_block(ptr, malloc_usable_size(ptr))) std::free(ptr);
}

void release_array(ArrowArray* array) {
  if (!array || !array->release) return;
  for (int64_t i = 0; array->buffers && i < array->n_buffers; ++i) arrow_free(const_cast<void*>(array->buffers[i]));
  arrow_free(static_cast<void*>(array->buffers));
  for (int64_t i = 0; array->children && i < array->n_children; ++i) {
    ArrowArray* child = array->children[i];
    if (child && child->release) child->release(child);
    arrow_free(child);
  }
  arrow_free(array->children);
  if (array->dictionary) {
    if (array->dictionary->release) array->dictionary->release(array->dictionary);
    arrow_free(array->dictionary);
  }
  array->release = nullptr;
}

void release_schema(ArrowSchema* schema) {
  if (!schema || !schema->release) return;
  arrow_free(const_cast<char*>(schema->format));
  arrow_free(const_cast<char*>(schema->name));
  arrow_free(const_cast<char*>(schema->metadata));
  for (int64_t i = 0; schema->children && i < schema->n_children; ++i) {
    ArrowSchema* child = schema->children[i];
    if (child && child->release) child->release(child);
    arrow_free(child);
  }
  arrow_free(schema->children);
  if (schema->dictionary) {
    if (schema->dictionary->release) schema->dictionary->release(schema->dictionary);
    arrow_free(schema->dictionary);
  }
  schema->release = nullptr;
}

}  // namespace mosaic::host
