#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/module_report.hpp"
#include "host/cli/port_csv.hpp"
#include "host/cli/session.hpp"
#include "host/cli/signal_summary.hpp"
#include "host/data/timestamp.hpp"
#include "host/pipeline/market_ports.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <fstream>

namespace fs = std::filesystem;

namespace mosaic::host::cli {
namespace {

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw CliError(kUsage, fmt::format("--out: cannot write {}", file.string()));
}

void write_run_folder(const Session& s, const RunResult& result, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir / "ports", ec);
  if (ec) throw CliError(kUsage, fmt::format("--out {}: cannot create the folder: {}", dir.string(), ec.message()));
  for (const auto& [name, port] : result.ports) {
    const fs::path file = dir / "ports" / (name + ".csv");
    try {
      write_port_csv(port, file);
    } catch (const std::system_error& e) {
      throw CliError(kUsage, fmt::format("--out: cannot write {}: {}", file.string(), e.code().message()));
    }
  }
  write_text(dir / "modules.json", module_json(*s.pipeline, &result).dump(2) + "\n");
  write_text(dir / "config.toml", s.config.text);
}

}  // namespace

int cmd_run(const CommonOptions& o) {
  auto s = open_session(o);
  const Shape shape = shape_of(s->data);
  RunResult result = s->pipeline->run(market_ports(s->data), shape);

  if (o.json) {
    nlohmann::json j = {
        {"config", s->config.file.string()},
        {"data", {{"file", s->config.prices.string()}, {"bars", s->data.bars()}, {"assets", s->data.assets()},
                  {"first", format_timestamp(s->data.ts.front())}, {"last", format_timestamp(s->data.ts.back())}}},
        {"plugins", s->plugin_dir.string()},
        {"degraded", result.degraded()},
        {"degraded_reasons", result.degraded_reasons},
        {"modules", module_json(*s->pipeline, &result)},
        {"signals", signal_summary_json(result)},
    };
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("mosaic run: {}\n  data    {} ({} bars x {} assets, {} to {})\n  plugins {}\n\n",
               s->config.file.string(), s->config.prices.string(), s->data.bars(), s->data.assets(),
               format_timestamp(s->data.ts.front()), format_timestamp(s->data.ts.back()), s->plugin_dir.string());
    fmt::print("{}\n", module_table(*s->pipeline, result));
    if (result.degraded()) {
      fmt::print("run degraded:\n");
      for (const auto& r : result.degraded_reasons) fmt::print("  {}\n", r);
      fmt::print("\n");
    }
    fmt::print("signals\n{}", signal_summary(result));
  }
  if (o.out) {
    write_run_folder(*s, result, *o.out);
    if (!o.json) fmt::print("\nwrote {}\n", o.out->string());
  }
  return kOk;
}

}  // namespace mosaic::host::cli
