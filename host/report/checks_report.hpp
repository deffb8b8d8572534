// How `validate`, `health` and `modules bench` show a configured pipeline: the problems
// found, every module's state, and latency percentiles against the SLA.
#pragma once

#include "host/app/bench.hpp"
#include "host/app/run.hpp"
#include "host/app/session.hpp"
#include "host/app/validate.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mosaic::host::report {

std::string validation_text(const app::Session& s, const app::ValidationResult& v);
nlohmann::json validation_json(const app::Session& s, const app::ValidationResult& v);

std::string health_text(const app::Session& s, const app::HealthOutcome& h);
nlohmann::json health_json(const app::Session& s, const app::HealthOutcome& h);

std::string bench_text(const app::Session& s, const std::vector<app::ModuleLatency>& latencies, int repeat);
nlohmann::json bench_json(const std::vector<app::ModuleLatency>& latencies);

}  // namespace mosaic::host::report
