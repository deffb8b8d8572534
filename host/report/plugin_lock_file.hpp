// The plugin lock file `plugins lock` writes, through a temporary file and a rename so
// that a reader never sees half a lock, and the account of what it pinned.
#pragma once

#include "host/app/plugin_lock.hpp"

#include <string>

namespace mosaic::host::report {

// Throws app::Error (Output) naming the file when it cannot be written.
void write_plugin_lock(const app::LockPlan& plan);

// What was written, and how to use it when the config does not point at it yet.
std::string plugin_lock_text(const app::LockPlan& plan);

}  // namespace mosaic::host::report
