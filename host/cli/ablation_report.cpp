#include "host/cli/ablation_report.hpp"

#include "host/cli/metric_format.hpp"
#include "host/cli/text_table.hpp"
#include "host/data/timestamp.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mosaic::host::cli {
namespace {

using research::Effect;
using research::MetricDelta;

const AblationRun* required_only(const std::vector<AblationRun>& runs) {
  for (const auto& r : runs)
    if (r.kind == VariantKind::RequiredOnly) return &r;
  return nullptr;
}

void add_run_notes(const AblationRun& run, std::vector<std::string>& notes) {
  if (!run.backtest)
    notes.push_back(run.not_run.empty() ? "no weights port: nothing to backtest"
                                        : fmt::format("no weights port (not run: {})", fmt::join(run.not_run, ", ")));
  else if (run.backtest->metrics.exposure == 0)
    notes.push_back("holds no position (a flat book): its Sharpe ratio counts as 0, as cash");
  for (const auto& reason : run.degraded_reasons) notes.push_back("degraded: " + reason);
}

// Sharpe(with) - Sharpe(without) as an interval, or a note saying why there is none.
void judge(AblationAssessment& a, const AblationRun& with, const AblationRun& without, const char* against,
           const BacktestSettings& backtest, const research::BootstrapSettings& bootstrap) {
  a.effect_against = against;
  if (!with.backtest || !without.backtest) {
    a.notes.push_back(fmt::format("no verdict: {} has no backtest", with.backtest ? without.label : with.label));
    return;
  }
  const auto deltas = research::metric_deltas(without.backtest->result, with.backtest->result, backtest, bootstrap);
  const MetricDelta& sharpe = research::find_delta(deltas, "sharpe");
  a.effect_low = sharpe.low;
  a.effect_high = sharpe.high;
  a.effect = research::module_effect(sharpe.low, sharpe.high);
  if (a.effect == Effect::Undetermined)
    a.notes.push_back("no verdict: the Sharpe ratio is undefined in every resample");
}

nlohmann::json delta_json(const MetricDelta& d) {
  return {{"baseline", json_number(d.baseline)}, {"variant", json_number(d.variant)},
          {"change", json_number(d.delta)},      {"ci_low", json_number(d.low)},
          {"ci_high", json_number(d.high)},      {"std_error", json_number(d.std_error)},
          {"replicates", d.replicates}};
}

std::string csv_number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : ""; }

}  // namespace

std::vector<AblationAssessment> assess_ablation(const std::vector<AblationRun>& runs, const BacktestSettings& backtest,
                                                const research::BootstrapSettings& bootstrap) {
  std::vector<AblationAssessment> out;
  const AblationRun& full = runs.front();
  const AblationRun* core = required_only(runs);
  for (const auto& run : runs) {
    AblationAssessment a;
    a.run = &run;
    add_run_notes(run, a.notes);
    if (run.backtest && full.backtest && &run != &full)
      a.vs_full = research::metric_deltas(full.backtest->result, run.backtest->result, backtest, bootstrap);
    if (run.kind == VariantKind::Without) judge(a, full, run, "full", backtest, bootstrap);
    if (run.kind == VariantKind::Alone && core) judge(a, run, *core, "required only", backtest, bootstrap);
    out.push_back(std::move(a));
  }
  return out;
}

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
                        {"kind", variant_kind_name(r.kind)},
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
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", a.run->column, variant_kind_name(a.run->kind),
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

}  // namespace mosaic::host::cli
