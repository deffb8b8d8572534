// The table of services the host hands to every module library (mosaic.h's mosaic_host).
#pragma once

#include <mosaic/mosaic.h>

namespace mosaic::host {

// The process-wide table; static storage, valid for the life of the process.
const mosaic_host* host_services();

}  // namespace mosaic::host
