// The engine's errors as Python exceptions of mosaic.errors, with the same fields.
#pragma once

#include <pybind11/pybind11.h>

namespace mosaic::python {

// From now on an app::Error leaving a binding raises mosaic.errors.<Kind>Error with file,
// line, key, module and port; any other std::exception stays pybind11's RuntimeError.
void translate_engine_errors();

}  // namespace mosaic::python
