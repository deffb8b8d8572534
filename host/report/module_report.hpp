// The per-module figures of a pipeline and its last run as a text table (module_json.hpp
// has the JSON).
#pragma once

#include "host/pipeline/module_json.hpp"

#include <string>

namespace mosaic::host::report {

std::string module_table(const Pipeline& pipeline, const RunResult& result);

}  // namespace mosaic::host::report
