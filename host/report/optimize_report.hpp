// What an optimization leaves behind: results.csv (every evaluated configuration, its
// parameters and metrics), best.toml, report.json, summary.txt and the winner's equity.csv.
#pragma once

#include "host/app/optimize.hpp"
#include "host/app/optimize_plan.hpp"
#include "host/app/session.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace mosaic::host::report {

std::string optimize_summary(const app::Session& s, const app::OptimizePlan& plan, const app::OptimizeResult& run);
nlohmann::json optimize_json(const app::Session& s, const app::OptimizePlan& plan, const app::OptimizeResult& run);

void write_optimize_folder(const app::Session& s, const app::OptimizePlan& plan, const app::OptimizeResult& run,
                           const std::filesystem::path& dir);

}  // namespace mosaic::host::report
