// How much the engine logs on stderr: warnings and errors by default.
#pragma once

namespace mosaic::host::app {

// Info messages too (a front end's --verbose).
void log_everything();
// Messages at `level` (mosaic_log_level: debug 0, info 1, warn 2, error 3) and above, the
// modules' own log lines included.
void log_at_least(int level);

}  // namespace mosaic::host::app
