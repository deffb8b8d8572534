// What the process has mapped, read from /proc/self/maps: how the host confirms that an
// unloaded library generation is really gone, since dlclose may keep a library mapped.
#pragma once

#include <filesystem>

namespace mosaic::host::serve {

// True when any mapping's file is `file` (also when the file has since been deleted).
bool is_mapped(const std::filesystem::path& file);

}  // namespace mosaic::host::serve
