// A short account of the signals a run produced: coverage and the latest readings.
#pragma once

#include "host/pipeline/pipeline.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace mosaic::host::report {

std::string signal_summary(const RunResult& result);
nlohmann::json signal_summary_json(const RunResult& result);

}  // namespace mosaic::host::report
