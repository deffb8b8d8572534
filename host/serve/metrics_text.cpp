#include "host/serve/metrics_text.hpp"

#include <fmt/format.h>

namespace mosaic::host::serve {
namespace {

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void histogram(std::string& out, const char* name, const std::string& labels, const LatencyHistogram& h) {
  const auto bounds = LatencyHistogram::export_bounds_ms();
  const auto counts = h.cumulative_export_counts();
  const std::string sep = labels.empty() ? "" : ",";
  for (size_t i = 0; i < bounds.size(); ++i)
    out += fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, bounds[i] / 1000.0, counts[i]);
  out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, h.count());
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", name, braces, h.sum_ms() / 1000.0, name, braces, h.count());
}

std::string module_label(const std::string& name) { return fmt::format("module=\"{}\"", escape_label(name)); }

}  // namespace

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string metrics_text(const Pipeline& pipeline, const ServeStats& stats) {
  const auto modules = pipeline.order();
  std::string out;
  family(out, "mosaic_module_latency_seconds", "histogram", "Wall time of a module's process call.");
  for (const auto& m : modules) histogram(out, "mosaic_module_latency_seconds", module_label(m), pipeline.stats(m).latency);

  auto counter = [&](const char* name, const char* help, auto value_of) {
    family(out, name, "counter", help);
    for (const auto& m : modules) out += fmt::format("{}{{{}}} {}\n", name, module_label(m), value_of(pipeline.stats(m)));
  };
  counter("mosaic_module_calls_total", "Calls of the module's process.", [](const ModuleStats& s) { return s.calls; });
  counter("mosaic_module_errors_total", "Failed calls.", [](const ModuleStats& s) { return s.errors; });
  counter("mosaic_module_skipped_total", "Runs skipped for a missing required input.",
          [](const ModuleStats& s) { return s.skipped; });
  counter("mosaic_module_crashes_total", "Ends of an isolated module's process: signals and call timeouts.",
          [](const ModuleStats& s) { return s.crashes; });

  family(out, "mosaic_module_sla_violations_total", "counter", "SLA violations, by kind.");
  for (const auto& m : modules) {
    const ModuleStats& s = pipeline.stats(m);
    out += fmt::format("mosaic_module_sla_violations_total{{{},kind=\"latency\"}} {}\n", module_label(m),
                       s.latency_violations);
    out += fmt::format("mosaic_module_sla_violations_total{{{},kind=\"confidence\"}} {}\n", module_label(m),
                       s.confidence_violations);
  }
  family(out, "mosaic_module_consecutive_failures", "gauge", "Failures in a row; quarantine follows at the limit.");
  for (const auto& m : modules)
    out += fmt::format("mosaic_module_consecutive_failures{{{}}} {}\n", module_label(m),
                       pipeline.stats(m).consecutive_failures);

  family(out, "mosaic_module_state", "gauge", "1 for the module's current state.");
  for (const auto& m : modules) {
    const ModuleState current = pipeline.state(m);
    for (auto st : {ModuleState::Healthy, ModuleState::Degraded, ModuleState::Quarantined, ModuleState::Disabled})
      out += fmt::format("mosaic_module_state{{{},state=\"{}\"}} {}\n", module_label(m), state_name(st),
                         st == current ? 1 : 0);
  }
  family(out, "mosaic_module_quarantined", "gauge", "1 while the module is quarantined, with the reason.");
  for (const auto& m : modules)
    if (pipeline.state(m) == ModuleState::Quarantined)
      out += fmt::format("mosaic_module_quarantined{{{},reason=\"{}\"}} 1\n", module_label(m),
                         escape_label(pipeline.stats(m).quarantine_reason));
  family(out, "mosaic_module_info", "gauge", "The serving build: version and library generation.");
  for (const auto& m : modules) {
    const auto& lib = pipeline.setup(m).library;
    out += fmt::format("mosaic_module_info{{{},version=\"{}\",generation=\"{}\"}} 1\n", module_label(m),
                       escape_label(pipeline.contract(m).version.str()), lib ? lib->generation() : 0);
  }
  family(out, "mosaic_module_reloads_total", "counter", "Hot reloads, by result.");
  for (const auto& m : modules) {
    auto it = stats.reloads.find(m);
    const ReloadCounts c = it == stats.reloads.end() ? ReloadCounts{} : it->second;
    out += fmt::format("mosaic_module_reloads_total{{{},result=\"ok\"}} {}\n", module_label(m), c.ok);
    out += fmt::format("mosaic_module_reloads_total{{{},result=\"rejected\"}} {}\n", module_label(m), c.rejected);
  }

  family(out, "mosaic_module_sla_latency_seconds", "gauge",
         "The module's latency SLA (max_latency_ms of its contract or the config); absent when it has none.");
  double bar_budget_ms = 0;
  for (const auto& m : modules) {
    const double limit_ms = pipeline.setup(m).sla.max_latency_ms;
    if (limit_ms <= 0) continue;
    out += fmt::format("mosaic_module_sla_latency_seconds{{{}}} {}\n", module_label(m), limit_ms / 1000.0);
    if (pipeline.state(m) != ModuleState::Disabled) bar_budget_ms += limit_ms;
  }
  // Modules run one after another, so a bar's budget is the sum of its enabled modules'.
  family(out, "mosaic_bar_latency_sla_seconds", "gauge",
         "Sum of the enabled modules' latency SLAs: the budget of a bar; 0 when none has one.");
  out += fmt::format("mosaic_bar_latency_sla_seconds {}\n", bar_budget_ms / 1000.0);

  family(out, "mosaic_plugin_files_rejected", "gauge", "Library files in the plugin folder that could not be loaded.");
  out += fmt::format("mosaic_plugin_files_rejected {}\n", stats.rejected.size());
  family(out, "mosaic_modules_waiting", "gauge", "Configured modules not running yet (no library, or inputs missing).");
  out += fmt::format("mosaic_modules_waiting {}\n", stats.waiting.size());
  family(out, "mosaic_bar_latency_seconds", "histogram", "From a bar's arrival to its weights.");
  histogram(out, "mosaic_bar_latency_seconds", "", stats.bar_latency);
  family(out, "mosaic_bars_total", "counter", "Bars run through the pipeline.");
  out += fmt::format("mosaic_bars_total {}\n", stats.bars);
  family(out, "mosaic_bars_degraded_total", "counter", "Bars whose run had a failed, skipped or quarantined module.");
  out += fmt::format("mosaic_bars_degraded_total {}\n", stats.degraded_bars);
  family(out, "mosaic_bars_failed_total", "counter", "Bars that produced no weights.");
  out += fmt::format("mosaic_bars_failed_total {}\n", stats.failed_bars);

  family(out, "mosaic_last_bar_seconds", "gauge", "When the last bar was run (Unix time); 0 before the first.");
  out += fmt::format("mosaic_last_bar_seconds {}\n", stats.last_bar_unix_ms / 1000.0);
  family(out, "mosaic_feed_live", "gauge", "1 while the feed may deliver bars (a tailed file; a replay not yet ended).");
  out += fmt::format("mosaic_feed_live {}\n", stats.feed_live ? 1 : 0);

  family(out, "mosaic_config_deploys_total", "counter",
         "Configs deployed into the running serve, by result (live: went live; rolled_back: of those, failed "
         "their first bar and were rolled back).");
  const DeployCounts& d = stats.deploy_counts;
  out += fmt::format("mosaic_config_deploys_total{{result=\"live\"}} {}\n", d.live);
  out += fmt::format("mosaic_config_deploys_total{{result=\"refused\"}} {}\n", d.refused);
  out += fmt::format("mosaic_config_deploys_total{{result=\"rolled_back\"}} {}\n", d.rolled_back);
  family(out, "mosaic_config_info", "gauge", "The live config: its sha256.");
  out += fmt::format("mosaic_config_info{{sha256=\"{}\"}} 1\n", escape_label(stats.live_config.sha256));
  family(out, "mosaic_config_live_since_seconds", "gauge", "When the live config went live (Unix time).");
  out += fmt::format("mosaic_config_live_since_seconds {}\n", stats.live_config.since_unix_ms / 1000.0);

  const ReoptimizeState& r = stats.reoptimize;
  family(out, "mosaic_reoptimize_occasions_total", "counter",
         "Scheduled re-optimizations, by outcome ([serve.reoptimize]; docs/serve.md).");
  out += fmt::format("mosaic_reoptimize_occasions_total{{result=\"promoted\"}} {}\n", r.promoted);
  out += fmt::format("mosaic_reoptimize_occasions_total{{result=\"rejected\"}} {}\n", r.rejected);
  out += fmt::format("mosaic_reoptimize_occasions_total{{result=\"stopped\"}} {}\n", r.stopped);
  out += fmt::format("mosaic_reoptimize_occasions_total{{result=\"failed\"}} {}\n", r.failed);
  family(out, "mosaic_reoptimize_consecutive_rejections", "gauge", "Occasions rejected since the last promotion.");
  out += fmt::format("mosaic_reoptimize_consecutive_rejections {}\n", r.consecutive_rejections);
  family(out, "mosaic_reoptimize_running", "gauge", "1 while a re-optimization searches in the background.");
  out += fmt::format("mosaic_reoptimize_running {}\n", r.running ? 1 : 0);
  family(out, "mosaic_reoptimize_shadowing", "gauge", "1 while a candidate runs beside the live config.");
  out += fmt::format("mosaic_reoptimize_shadowing {}\n", r.shadowing ? 1 : 0);
  return out;
}

}  // namespace mosaic::host::serve
