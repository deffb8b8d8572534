// The process exit codes of `mosaic`, and the one place errors become them.
#pragma once

#include "host/app/error.hpp"

namespace mosaic::host::cli {

enum ExitCode : int { kOk = 0, kInternal = 1, kUsage = 2, kModule = 3, kData = 4, kDegraded = 5, kRefused = 6 };

// usage, config and output problems 2; module validation 3; data 4. (5, a run whose
// pipeline ran degraded, is decided by `run` itself.)
int exit_code(app::ErrorKind kind);

}  // namespace mosaic::host::cli
