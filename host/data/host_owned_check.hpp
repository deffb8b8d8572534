// Whether an Arrow tree a module emitted is safe for the host to read and to keep: the check
// every output passes before anything else reads it, in process and in an isolated
// module's child alike.
#pragma once

#include <mosaic/mosaic.h>

#include <string>

namespace mosaic::host {

// "" when the struct tree is safe for the host to read and to free after the module's
// library is gone: no NULL where the spec requires a pointer, schema and array agree on
// their children, and every node's release callback is the host's own (so its memory came
// from the host's allocator). Checked before anything else reads the tree.
std::string check_host_owned(const ArrowSchema* schema, const ArrowArray* array, const mosaic_host* host);

}  // namespace mosaic::host
