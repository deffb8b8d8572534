// How much the engine logs on stderr: warnings and errors by default.
#pragma once

namespace mosaic::host::app {

// Info messages too (a front end's --verbose).
void log_everything();

}  // namespace mosaic::host::app
