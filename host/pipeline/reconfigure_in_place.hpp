// New parameter values for a live instance through mosaic.ext.reconfigure/1, so that what the
// module computed for earlier configurations (its caches, its scratch) survives the change.
#pragma once

#include "host/config/param_binding.hpp"

#include <mosaic/mosaic.h>

#include <vector>

namespace mosaic::host {

// True when the instance offers the extension and took `params`; false when it does not
// offer it or refused them, and then it must be destroyed and created anew.
bool reconfigure_in_place(mosaic_instance* instance, const std::vector<BoundParam>& params);

}  // namespace mosaic::host
