// Latency of the configured pipeline's modules over repeated runs, against their SLA.
#pragma once

#include "host/app/session.hpp"

#include <string>
#include <vector>

namespace mosaic::host::app {

struct BenchSpec {
  int repeat = 50;   // timed runs, after one untimed warm-up
  std::string only;  // one module, or every module when empty
};

struct ModuleLatency {
  std::string name;
  size_t runs = 0;  // successful calls timed
  double p50_ms = 0, p95_ms = 0, p99_ms = 0, max_ms = 0;  // nearest rank
  double sla_ms = 0;                                      // 0: no latency SLA
  std::string verdict;  // "ok", "p99 over SLA", "no successful runs"
};

// In run order. Throws app::Error (Module) when `only` is not in the pipeline.
std::vector<ModuleLatency> bench_pipeline(Session& s, const BenchSpec& spec);

}  // namespace mosaic::host::app
