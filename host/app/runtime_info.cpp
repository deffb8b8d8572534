#include "host/app/runtime_info.hpp"

#include "host/data/allocator.hpp"
#include "host/data/heap_room.hpp"

namespace mosaic::host::app {

std::string allocator() { return allocator_name(); }

void leave_allocator_settings_alone() { allow_allocator_tuning(false); }

}  // namespace mosaic::host::app
