#include "host/app/runtime_info.hpp"

#include "host/data/allocator.hpp"

namespace mosaic::host::app {

std::string allocator() { return allocator_name(); }

}  // namespace mosaic::host::app
