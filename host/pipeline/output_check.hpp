// Checks what a module emitted before anything downstream sees it.
#pragma once

#include <mosaic/arrow.hpp>
#include <mosaic/mosaic.h>

#include <string>

namespace mosaic::host {

// "" when the struct tree is safe for the host to read and to free after the module's
// library is gone: no NULL where the spec requires a pointer, schema and array agree on
// their children, and every node's release callback is the host's own (so its memory came
// from the host's allocator). Checked before anything else reads the tree.
std::string check_host_owned(const ArrowSchema* schema, const ArrowArray* array, const mosaic_host* host);

// "" when the panel has the run's shape (ts column, length, timestamps, universe in
// order); otherwise the first difference, in words.
std::string check_panel_shape(const ArrowSchema* schema, const ArrowArray* array, const Shape& shape);

// "" when the table is a well-formed struct array.
std::string check_table(const ArrowSchema* schema, const ArrowArray* array);

}  // namespace mosaic::host
