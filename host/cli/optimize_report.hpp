// What `mosaic optimize` leaves behind: results.csv (every evaluated configuration, its
// parameters and metrics), best.toml (a config `mosaic run` takes as it is), report.json,
// summary.txt and the winner's equity.csv.
#pragma once

#include "host/cli/optimize_fold.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace mosaic::host::cli {

struct OptimizeRun {
  const OptimizePlan* plan = nullptr;
  const Session* session = nullptr;
  std::vector<FoldResult> folds;
  bool interrupted = false;
};

std::string optimize_summary(const OptimizeRun& run);
nlohmann::json optimize_json(const OptimizeRun& run);

// The session's config with the candidate's parameters and switches written in, and
// every relative path made absolute, so the file works from wherever it is saved.
std::string best_config_toml(const Session& s, const research::Candidate& c);

void write_optimize_folder(const OptimizeRun& run, const std::filesystem::path& dir);

}  // namespace mosaic::host::cli
