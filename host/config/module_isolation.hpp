// How an isolated module's child is run ([modules.<name>] isolate = true, and the optional
// [modules.<name>.isolation] table).
#pragma once

#include <cstdint>

namespace mosaic::host {

struct ModuleIsolation {
  double timeout_ms = 30000;         // per call; the child is killed past it
  uint64_t memory_mb = 4096;         // the child's data limit (RLIMIT_DATA); 0 = none
  int quarantine_after_crashes = 3;  // crashes and timeouts before the module is quarantined
};

}  // namespace mosaic::host
