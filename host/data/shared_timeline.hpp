// A 'ts' column that shares a panel's timeline instead of copying it
// (mosaic.ext.shared_timeline/1): the host builds it for a module's output, and it holds the
// source panel until it is released. Its release callback is the host's too, so an output
// that contains one is still built through the host.
#pragma once

#include "host/data/port_value.hpp"

#include <memory>

namespace mosaic::host {

// A new column (schema and array from arrow_alloc, unreleased) on `panel`'s child 0, with its
// offset; false, nothing allocated, when `panel` is not a struct array whose first child is
// a nanosecond timestamp column with a data buffer. Throws std::bad_alloc.
bool share_timeline(const std::shared_ptr<ArrowBatch>& panel, ArrowSchema** schema, ArrowArray** array);

// The release callback of such a column: lets go of the source and frees the column's own
// buffer list, leaving the shared buffers to their owner.
void release_shared_column(ArrowArray* array);

}  // namespace mosaic::host
