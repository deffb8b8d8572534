#include "host/cli/backtest_report.hpp"
#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/module_report.hpp"
#include "host/cli/port_csv.hpp"
#include "host/cli/run_folder.hpp"
#include "host/cli/session.hpp"
#include "host/cli/signal_summary.hpp"
#include "host/data/timestamp.hpp"
#include "host/pipeline/market_ports.hpp"

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace mosaic::host::cli {
namespace {

// config.toml, modules.json, and with a backtest metrics.json, equity.csv and weights.csv;
// with --out also every port under ports/.
void write_run_folder(const Session& s, const RunResult& result, const std::optional<BacktestOutcome>& backtest,
                      const fs::path& dir, bool ports) {
  write_text_file(dir / "config.toml", s.config.text);
  write_text_file(dir / "modules.json", module_json(*s.pipeline, &result).dump(2) + "\n");
  if (backtest) {
    write_text_file(dir / "metrics.json", metrics_json(*backtest, s.config.backtest).dump(2) + "\n");
    write_backtest_files(s.data, *backtest, dir);
  }
  if (!ports) return;
  std::error_code ec;
  fs::create_directories(dir / "ports", ec);
  if (ec) throw CliError(kUsage, fmt::format("cannot create {}: {}", (dir / "ports").string(), ec.message()));
  for (const auto& [name, port] : result.ports) {
    const fs::path file = dir / "ports" / (name + ".csv");
    try {
      write_port_csv(port, file);
    } catch (const std::system_error& e) {
      throw CliError(kUsage, fmt::format("cannot write {}: {}", file.string(), e.code().message()));
    }
  }
}

}  // namespace

int cmd_run(const CommonOptions& o) {
  auto s = open_session(o);
  const fs::path folder = make_run_folder(o.out, "run");
  RunResult result = s->pipeline->run(data_ports(*s), shape_of(s->data));
  std::optional<BacktestOutcome> backtest = backtest_run(s->data, result, s->config.backtest);
  write_run_folder(*s, result, backtest, folder, o.out.has_value());

  if (o.json) {
    nlohmann::json j = {
        {"config", s->config.file.string()},
        {"data", {{"file", s->config.prices.string()}, {"bars", s->data.bars()}, {"assets", s->data.assets()},
                  {"first", format_timestamp(s->data.ts.front())}, {"last", format_timestamp(s->data.ts.back())}}},
        {"plugins", s->plugin_dir.string()},
        {"run_folder", folder.string()},
        {"degraded", result.degraded()},
        {"degraded_reasons", result.degraded_reasons},
        {"modules", module_json(*s->pipeline, &result)},
        {"signals", signal_summary_json(result)},
        {"metrics", backtest ? metrics_json(*backtest, s->config.backtest) : nlohmann::json(nullptr)},
    };
    fmt::print("{}\n", j.dump(2));
    return kOk;
  }
  fmt::print("mosaic run: {}\n  data    {} ({} bars x {} assets, {} to {})\n  plugins {}\n\n",
             s->config.file.string(), s->config.prices.string(), s->data.bars(), s->data.assets(),
             format_timestamp(s->data.ts.front()), format_timestamp(s->data.ts.back()), s->plugin_dir.string());
  if (backtest) {
    fmt::print("backtest of {} ({} periods, {} bps costs)\n{}\n", backtest->weights_port, backtest->metrics.periods,
               s->config.backtest.cost_bps, metrics_table(backtest->metrics));
  } else {
    fmt::print("no weights.final or weights.target port: nothing to backtest\n\n");
  }
  fmt::print("{}\n", module_table(*s->pipeline, result));
  if (result.degraded()) {
    fmt::print("run degraded:\n");
    for (const auto& r : result.degraded_reasons) fmt::print("  {}\n", r);
    fmt::print("\n");
  }
  fmt::print("signals\n{}\nwrote {}\n", signal_summary(result), folder.string());
  return kOk;
}

}  // namespace mosaic::host::cli
