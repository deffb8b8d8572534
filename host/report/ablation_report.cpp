#include "host/report/ablation_report.hpp"

#include "host/pipeline/module_json.hpp"

#include "host/report/backtest_report.hpp"
#include "host/report/metric_format.hpp"
#include "host/report/run_folder.hpp"
#include "host/report/run_report.hpp"
#include "host/report/text_table.hpp"
#include "host/data/timestamp.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mosaic::host::report {
namespace {

using research::AblationAssessment;
using research::AblationRun;
using research::MetricDelta;
using research::VariantKind;

nlohmann::json delta_json(const MetricDelta& d) {
  return {{"baseline", json_number(d.baseline)}, {"variant", json_number(d.variant)},
          {"change", json_number(d.delta)},      {"ci_low", json_number(d.low)},
          {"ci_high", json_number(d.high)},      {"std_error", json_number(d.std_error)},
          {"replicates", d.replicates}};
}

nlohmann::json bootstrap_json(const research::BootstrapSettings& b) {
  return {{"method", "paired stationary bootstrap of the per-period rows (return, turnover, gross exposure)"},
          {"resamples", b.resamples},
          {"mean_block_length", b.mean_block_length},
          {"confidence", b.confidence},
          {"seed", b.seed}};
}

std::string csv_number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : ""; }

}  // namespace

std::string ablation_table(const std::vector<AblationAssessment>& assessments) {
  TextTable t({"module", "run", "Sharpe", "change", "95% CI of change", "CAGR change", "max DD change", "verdict"});
  for (const auto& a : assessments) {
    const AblationRun& r = *a.run;
    // The Sharpe ratio as the changes count it (a flat book's as 0).
    const double sharpe = !a.vs_full.empty() ? research::find_delta(a.vs_full, "sharpe").variant
                          : r.backtest       ? r.backtest->metrics.sharpe
                                             : NAN;
    std::vector<std::string> row = {r.module.empty() ? "-" : r.module,
                                    r.label + (r.degraded_reasons.empty() ? "" : " (degraded)"),
                                    r.backtest ? format_metric("sharpe", sharpe) : "no weights"};
    if (a.vs_full.empty()) {
      row.insert(row.end(), {"", "", "", ""});
    } else {
      const MetricDelta& s = research::find_delta(a.vs_full, "sharpe");
      row.push_back(format_metric_change("sharpe", s.delta));
      row.push_back(format_interval("sharpe", s.low, s.high));
      row.push_back(format_metric_change("cagr", research::find_delta(a.vs_full, "cagr").delta));
      row.push_back(format_metric_change("max_drawdown", research::find_delta(a.vs_full, "max_drawdown").delta));
    }
    std::string verdict;
    if (!a.effect_against.empty()) {
      verdict = research::effect_name(a.effect);
      if (r.kind == VariantKind::Alone) verdict += " (vs required only)";
    }
    row.push_back(verdict);
    t.add(std::move(row));
  }
  return t.str();
}

nlohmann::json ablation_json(const std::vector<AblationAssessment>& assessments, const BacktestSettings& backtest) {
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& a : assessments) {
    const AblationRun& r = *a.run;
    nlohmann::json j = {{"run", r.label},
                        {"kind", research::variant_kind_name(r.kind)},
                        {"module", r.module.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.module)},
                        {"enabled_modules", r.enabled},
                        {"not_run", r.not_run},
                        {"degraded", !r.degraded_reasons.empty()},
                        {"degraded_reasons", r.degraded_reasons},
                        {"metrics", r.backtest ? metrics_json(*r.backtest, backtest) : nlohmann::json(nullptr)},
                        {"notes", a.notes}};
    nlohmann::json changes = nlohmann::json::object();
    for (const auto& d : a.vs_full) changes[d.metric] = delta_json(d);
    j["change_vs_full"] = a.vs_full.empty() ? nlohmann::json(nullptr) : changes;
    if (!a.effect_against.empty())
      j["verdict"] = {{"effect", research::effect_name(a.effect)},
                      {"against", a.effect_against},
                      {"sharpe_with_minus_without_ci_low", json_number(a.effect_low)},
                      {"sharpe_with_minus_without_ci_high", json_number(a.effect_high)}};
    runs.push_back(std::move(j));
  }
  return runs;
}

std::string ablation_csv(const std::vector<AblationAssessment>& assessments) {
  std::string csv = "run,kind,module,metric,full,value,change,ci_low,ci_high,std_error\n";
  for (const auto& a : assessments)
    for (const auto& d : a.vs_full)
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", a.run->column, research::variant_kind_name(a.run->kind),
                         a.run->module, d.metric, csv_number(d.baseline), csv_number(d.variant), csv_number(d.delta),
                         csv_number(d.low), csv_number(d.high), csv_number(d.std_error));
  return csv;
}

std::string ablation_equity_csv(const MarketData& data, const std::vector<AblationRun>& runs) {
  std::string csv = "date";
  for (const auto& r : runs) csv += "," + r.column;
  csv += "\n";
  for (std::size_t t = 0; t < data.bars(); ++t) {
    csv += format_timestamp(data.ts[t]);
    for (const auto& r : runs) csv += "," + (r.backtest ? fmt::format("{}", r.backtest->result.equity[t]) : "");
    csv += "\n";
  }
  return csv;
}

std::string ablation_summary(const app::Session& s, const app::AblationResult& r) {
  const research::AblationPlan& plan = r.plan;
  const research::BootstrapSettings& b = r.bootstrap;
  std::string text =
      fmt::format("mosaic ablate: {}\n  data     {} ({} bars x {} assets, {} to {})\n  optional {}\n  required {}\n",
                  s.config.file.string(), s.config.prices.string(), s.data.bars(), s.data.assets(),
                  format_timestamp(s.data.ts.front()), format_timestamp(s.data.ts.back()),
                  plan.optional.empty() ? "none" : fmt::format("{}", fmt::join(plan.optional, ", ")),
                  plan.required.empty() ? "none" : fmt::format("{}", fmt::join(plan.required, ", ")));
  if (!plan.disabled_in_config.empty())
    text += fmt::format("  disabled in the config, left out: {}\n", fmt::join(plan.disabled_in_config, ", "));
  text += "\n" + ablation_table(r.assessments);
  text += fmt::format(
      "\nchange: the run minus the full pipeline; 95% intervals from {} paired stationary-bootstrap resamples of the\n"
      "bars (mean block {} bars, seed {}). verdict: whether the 95% interval of Sharpe(with the module) minus\n"
      "Sharpe(without it) lies above 0 (helps), below 0 (hurts) or holds 0; 'without' runs are judged against the\n"
      "full pipeline, '+ required' runs against the required modules only.\n",
      b.resamples, b.mean_block_length, b.seed);
  for (const auto& a : r.assessments)
    for (const auto& note : a.notes) text += fmt::format("  {}: {}\n", a.run->label, note);
  return text;
}

nlohmann::json ablation_report_json(const app::Session& s, const app::AblationResult& r,
                                    const std::filesystem::path& folder) {
  return {
      {"config", s.config.file.string()},
      {"data", data_json(s)},
      {"modules", r.plan.modules},
      {"optional_modules", r.plan.optional},
      {"required_modules", r.plan.required},
      {"disabled_in_config", r.plan.disabled_in_config},
      {"bootstrap", bootstrap_json(r.bootstrap)},
      {"runs", ablation_json(r.assessments, s.config.backtest)},
      {"run_folder", folder.string()},
  };
}

void write_ablation_folder(const app::Session& s, const app::AblationResult& r, const std::filesystem::path& dir) {
  write_text_file(dir / "config.toml", s.config.text);
  write_text_file(dir / "report.json", ablation_report_json(s, r, dir).dump(2) + "\n");
  write_text_file(dir / "summary.txt", ablation_summary(s, r));
  write_text_file(dir / "ablation.csv", ablation_csv(r.assessments));
  write_text_file(dir / "equity.csv", ablation_equity_csv(s.data, r.runs));
  // The modules' versions and libraries, for report.html's header.
  if (s.pipeline) write_text_file(dir / "modules.json", module_json(*s.pipeline, nullptr).dump(2) + "\n");
}

}  // namespace mosaic::host::report
