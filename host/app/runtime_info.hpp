// What the running process is built on, for a front end's version text.
#pragma once

#include <string>

namespace mosaic::host::app {

// The allocator serving malloc: "jemalloc 5.3.0-..." in the programs, "glibc 2.36" where
// an embedder kept the system's (host/data/allocator.hpp).
std::string allocator();

// For an engine inside another program (the Python package): from now on the engine leaves
// the process's malloc settings as they are (no mallopt, no backed first-output room).
void leave_allocator_settings_alone();

}  // namespace mosaic::host::app
