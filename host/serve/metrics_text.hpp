// The Prometheus text exposition format (version 0.0.4) of a serve session: per-module
// latency histograms, calls, errors, SLA violations, state and generation, and the host's
// bar latency, bar counts and reloads.
#pragma once

#include "host/pipeline/pipeline.hpp"
#include "host/serve/serve_stats.hpp"

#include <string>

namespace mosaic::host::serve {

std::string metrics_text(const Pipeline& pipeline, const ServeStats& stats);

// A label value with \, " and newline escaped as the format requires.
std::string escape_label(const std::string& value);

}  // namespace mosaic::host::serve
