#include "host/report/run_report.hpp"

#include "host/app/error.hpp"
#include "host/data/timestamp.hpp"
#include "host/pipeline/module_json.hpp"
#include "host/report/backtest_report.hpp"
#include "host/report/module_report.hpp"
#include "host/report/port_csv.hpp"
#include "host/report/run_folder.hpp"
#include "host/report/signal_summary.hpp"

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace mosaic::host::report {

void write_run_folder(const app::Session& s, const app::RunOutcome& run, const fs::path& dir, bool with_ports) {
  write_text_file(dir / "config.toml", s.config.text);
  write_text_file(dir / "modules.json", module_json(*s.pipeline, &run.result).dump(2) + "\n");
  if (run.backtest) {
    write_text_file(dir / "metrics.json", metrics_json(*run.backtest, s.config.backtest).dump(2) + "\n");
    write_backtest_files(s.data, *run.backtest, run.benchmark ? &*run.benchmark : nullptr, dir);
  }
  if (!with_ports) return;
  std::error_code ec;
  fs::create_directories(dir / "ports", ec);
  if (ec)
    throw app::Error(app::ErrorKind::Output,
                     fmt::format("cannot create {}: {}", (dir / "ports").string(), ec.message()),
                     {.file = (dir / "ports").string()});
  for (const auto& [name, port] : run.result.ports) {
    const fs::path file = dir / "ports" / (name + ".csv");
    try {
      write_port_csv(port, file);
    } catch (const std::system_error& e) {
      throw app::Error(app::ErrorKind::Output, fmt::format("cannot write {}: {}", file.string(), e.code().message()),
                       {.file = file.string(), .port = name});
    }
  }
}

nlohmann::json data_json(const app::Session& s) {
  return {{"file", s.config.prices.string()},
          {"bars", s.data.bars()},
          {"assets", s.data.assets()},
          {"first", format_timestamp(s.data.ts.front())},
          {"last", format_timestamp(s.data.ts.back())}};
}

nlohmann::json run_json(const app::Session& s, const app::RunOutcome& run, const fs::path& folder) {
  return {
      {"config", s.config.file.string()},
      {"data", data_json(s)},
      {"plugins", s.plugin_dir.string()},
      {"run_folder", folder.string()},
      {"degraded", run.result.degraded()},
      {"degraded_reasons", run.result.degraded_reasons},
      {"modules", module_json(*s.pipeline, &run.result)},
      {"signals", signal_summary_json(run.result)},
      {"metrics", run.backtest ? metrics_json(*run.backtest, s.config.backtest) : nlohmann::json(nullptr)},
  };
}

std::string run_text(const app::Session& s, const app::RunOutcome& run, const fs::path& folder) {
  std::string out = fmt::format("mosaic run: {}\n  data    {} ({} bars x {} assets, {} to {})\n  plugins {}\n\n",
                                s.config.file.string(), s.config.prices.string(), s.data.bars(), s.data.assets(),
                                format_timestamp(s.data.ts.front()), format_timestamp(s.data.ts.back()),
                                s.plugin_dir.string());
  if (run.backtest)
    out += fmt::format("backtest of {} ({} periods, {})\n{}\n", run.backtest->weights_port,
                       run.backtest->metrics.periods, backtest_terms(s.config.backtest),
                       metrics_table(run.backtest->metrics));
  else
    out += "no weights.final or weights.target port: nothing to backtest\n\n";
  out += module_table(*s.pipeline, run.result) + "\n";
  if (run.result.degraded()) {
    out += "run degraded:\n";
    for (const auto& r : run.result.degraded_reasons) out += fmt::format("  {}\n", r);
    out += "\n";
  }
  out += fmt::format("signals\n{}\nwrote {}\n", signal_summary(run.result), folder.string());
  return out;
}

}  // namespace mosaic::host::report
