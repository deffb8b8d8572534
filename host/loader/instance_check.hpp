// Whether an instance a factory's create returned can be used: its struct is as large as
// ABI 1.0's and every function the host calls is there. One that is not is neither called
// nor destroyed (a missing destroy cannot be called).
#pragma once

#include <mosaic/mosaic.h>

namespace mosaic::host {

inline bool instance_usable(const mosaic_instance* i) {
  return i && i->struct_size >= sizeof(mosaic_instance) && i->process && i->self_test && i->destroy;
}

}  // namespace mosaic::host
