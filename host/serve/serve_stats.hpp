// Host-level figures of a serve session, beside the per-module ones in the pipeline.
#pragma once

#include "host/monitor/latency_histogram.hpp"
#include "host/serve/config_deploy.hpp"
#include "host/serve/hot_reload.hpp"
#include "host/serve/reoptimizer.hpp"

#include <cstdint>
#include <map>
#include <deque>
#include <string>

namespace mosaic::host::serve {

struct ReloadCounts {
  uint64_t ok = 0;
  uint64_t rejected = 0;
};

// The config that serves: which text, since when, from where.
struct LiveConfig {
  std::string sha256;
  std::string source;
  int64_t since_unix_ms = 0;
};

// A library file in the plugin folder that could not be loaded, and why; it stays listed
// until the file changes or goes.
struct RejectedFile {
  std::string reason;
  int64_t since_unix_ms = 0;
};

struct DeployCounts {
  uint64_t live = 0;
  uint64_t refused = 0;
  uint64_t rolled_back = 0;  // went live, then failed its first bar
};

// Deployments kept for GET /config, oldest first; older ones are only counted.
inline constexpr size_t kDeployHistory = 200;

struct ServeStats {
  uint64_t bars = 0;           // bars run
  uint64_t degraded_bars = 0;  // runs with a failed, skipped or quarantined module
  uint64_t failed_bars = 0;    // runs that produced no weights at all
  LatencyHistogram bar_latency;  // from a bar's arrival to its weights
  int64_t last_bar_ts = 0;       // ns since the epoch; 0 before the first bar
  int64_t last_bar_unix_ms = 0;  // wall clock when the last bar was run; 0 before the first
  bool feed_live = true;         // the feed may still deliver bars (a replay that ended may not)
  std::map<std::string, ReloadRecord> last_reload;  // by module
  std::map<std::string, ReloadCounts> reloads;      // by module
  std::string last_degraded_reason;
  std::map<std::string, std::string> waiting;  // config modules not running yet, and why
  std::map<std::string, RejectedFile> rejected;  // by file name
  LiveConfig live_config;
  std::deque<DeployRecord> deploys;  // the last kDeployHistory, the start included
  DeployCounts deploy_counts;
  ReoptimizeState reoptimize;
};

}  // namespace mosaic::host::serve
