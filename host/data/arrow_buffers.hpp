// The byte sizes of an Arrow array's buffers, read from its format, for code that copies
// or hashes buffers rather than interpreting them (the output cache, the isolation wire).
#pragma once

#include <mosaic/mosaic.h>

#include <cstddef>
#include <optional>

namespace mosaic::host {

// The byte size of buffer `i` of one node (its children not included); 0 for a NULL
// buffer. nullopt when the format is one whose layout this host does not know.
std::optional<size_t> arrow_buffer_bytes(const ArrowSchema* schema, const ArrowArray* array, int64_t i);

// The byte size of a schema's metadata block as the Arrow C data interface lays it out
// (an int32 count, then length-prefixed keys and values); 0 for NULL.
size_t arrow_metadata_bytes(const char* metadata);

}  // namespace mosaic::host
