// What an ablation shows and leaves behind: the table of every run's change against the
// full pipeline with its interval and verdict, the summary, report.json, ablation.csv and
// every run's equity.
#pragma once

#include "host/app/ablate.hpp"
#include "host/app/session.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace mosaic::host::report {

std::string ablation_table(const std::vector<research::AblationAssessment>& assessments);
nlohmann::json ablation_json(const std::vector<research::AblationAssessment>& assessments,
                             const BacktestSettings& backtest);
// Long format: one line per run and metric, with the change and its interval.
std::string ablation_csv(const std::vector<research::AblationAssessment>& assessments);
// date, then each run's equity (empty for a run without a backtest).
std::string ablation_equity_csv(const MarketData& data, const std::vector<research::AblationRun>& runs);

std::string ablation_summary(const app::Session& s, const app::AblationResult& r);
nlohmann::json ablation_report_json(const app::Session& s, const app::AblationResult& r,
                                    const std::filesystem::path& folder);
// config.toml, report.json, summary.txt, ablation.csv and equity.csv.
void write_ablation_folder(const app::Session& s, const app::AblationResult& r, const std::filesystem::path& dir);

}  // namespace mosaic::host::report
