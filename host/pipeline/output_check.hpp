// Checks what a module emitted before anything downstream sees it.
#pragma once

#include "host/data/host_owned_check.hpp"

#include <mosaic/arrow.hpp>
#include <mosaic/mosaic.h>

#include <string>

namespace mosaic::host {

// "" when the panel has the run's shape (ts column, length, timestamps, universe in
// order); otherwise the first difference, in words.
std::string check_panel_shape(const ArrowSchema* schema, const ArrowArray* array, const Shape& shape);

// "" when the table is a well-formed struct array.
std::string check_table(const ArrowSchema* schema, const ArrowArray* array);

}  // namespace mosaic::host
