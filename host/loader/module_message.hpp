// The text a module wrote into a mosaic_error. It is read up to its terminating NUL or the
// array's end (a module may forget the NUL), and bytes that are not UTF-8 are written as
// \xNN: the message reaches logs, /health and every JSON output, and must not break them.
#pragma once

#include <mosaic/mosaic.h>

#include <string>

namespace mosaic::host {

std::string module_message(const mosaic_error& err);

}  // namespace mosaic::host
