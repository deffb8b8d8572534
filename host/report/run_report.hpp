// What `run` shows and leaves behind: its run folder (config.toml, modules.json and, with a
// backtest, metrics.json, equity.csv and weights.csv; every port under ports/ on request),
// and the same run as text or JSON.
#pragma once

#include "host/app/run.hpp"
#include "host/app/session.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace mosaic::host::report {

void write_run_folder(const app::Session& s, const app::RunOutcome& run, const std::filesystem::path& dir,
                      bool with_ports);

std::string run_text(const app::Session& s, const app::RunOutcome& run, const std::filesystem::path& folder);
nlohmann::json run_json(const app::Session& s, const app::RunOutcome& run, const std::filesystem::path& folder);

// The data a session runs on as JSON: file, bars, assets, first and last date.
nlohmann::json data_json(const app::Session& s);

}  // namespace mosaic::host::report
