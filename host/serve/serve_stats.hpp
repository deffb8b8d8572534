// Host-level figures of a serve session, beside the per-module ones in the pipeline.
#pragma once

#include "host/monitor/latency_histogram.hpp"
#include "host/serve/hot_reload.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace mosaic::host::serve {

struct ReloadCounts {
  uint64_t ok = 0;
  uint64_t rejected = 0;
};

struct ServeStats {
  uint64_t bars = 0;           // bars run
  uint64_t degraded_bars = 0;  // runs with a failed, skipped or quarantined module
  uint64_t failed_bars = 0;    // runs that produced no weights at all
  LatencyHistogram bar_latency;  // from a bar's arrival to its weights
  int64_t last_bar_ts = 0;       // ns since the epoch; 0 before the first bar
  std::map<std::string, ReloadRecord> last_reload;  // by module
  std::map<std::string, ReloadCounts> reloads;      // by module
  std::string last_degraded_reason;
  std::map<std::string, std::string> waiting;  // config modules not running yet, and why
};

}  // namespace mosaic::host::serve
