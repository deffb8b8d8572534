// Per-module figures the pipeline records on every call: wall time, calls, errors,
// confidence and SLA verdicts.
#pragma once

#include "host/monitor/latency_histogram.hpp"

#include <mosaic/mosaic.h>

#include <cstdint>
#include <string>
#include <vector>

namespace mosaic::host {

enum class ModuleState { Healthy, Degraded, Quarantined, Disabled };
const char* state_name(ModuleState s);

// The outcome of one call, as the pipeline saw it.
enum class CallOutcome { Ok, Failed, Skipped, Disabled, Quarantined, NotRun };
const char* outcome_name(CallOutcome o);

struct ModuleStats {
  uint64_t calls = 0;
  uint64_t errors = 0;
  uint64_t skipped = 0;
  uint64_t cache_hits = 0;  // runs served from the output cache, without a call
  uint64_t latency_violations = 0;
  uint64_t confidence_violations = 0;
  uint64_t warmup_calls = 0;  // calls whose every output was warm-up: confidence not judged
  uint64_t cold_calls = 0;    // first calls of an instance: latency not judged
  double last_cold_latency_ms = 0;
  uint64_t last_cold_page_faults = 0;  // minor faults of the calling thread during that call
  uint32_t consecutive_failures = 0;
  double last_latency_ms = 0;
  double last_confidence = -1;  // -1: no output yet
  std::string last_error;
  uint64_t crashes = 0;          // of an isolated module's process: signals and timeouts
  std::string last_crash;        // how the last one ended, e.g. "killed by signal 11 (Segmentation fault)"
  std::string quarantine_reason; // why the module was last quarantined
  CallOutcome last_outcome = CallOutcome::NotRun;
  bool last_latency_ok = true;
  bool last_confidence_ok = true;
  LatencyHistogram latency;  // every timed call

  double latency_percentile(double p) const { return latency.percentile(p); }
};

// Exact nearest-rank percentile of a sample, p in [0, 100]; 0 when empty.
double nearest_rank_percentile(std::vector<double> sample, double p);

}  // namespace mosaic::host
