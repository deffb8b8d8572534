#include "host/report/run_html.hpp"

#include "host/app/error.hpp"
#include "host/data/timestamp.hpp"
#include "host/loader/sha256.hpp"
#include "host/report/dated_csv.hpp"
#include "host/report/equity_stats.hpp"
#include "host/report/folder_files.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <chrono>
#include <cmath>

namespace mosaic::host::report {
namespace fs = std::filesystem;
namespace {

std::string utc_now() { return format_timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::system_clock::now().time_since_epoch()).count()); }

std::string written_at(const fs::path& file) {
  std::error_code ec;
  const auto t = fs::last_write_time(file, ec);
  if (ec) return "";
  const auto sys = std::chrono::file_clock::to_sys(t);
  return format_timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count());
}

}  // namespace

nlohmann::json report_header(const fs::path& dir, const std::string& command) {
  nlohmann::json h;
  h["command"] = command;
  h["folder"] = fs::absolute(dir).lexically_normal().string();
  // A compare folder holds its two configs as a.toml and b.toml.
  const fs::path config_file = fs::exists(dir / "config.toml") ? dir / "config.toml" : dir / "a.toml";
  h["written"] = written_at(config_file);
  h["report_built"] = utc_now();
  const std::string config = read_folder_file(config_file);
  h["config"] = config;
  try {
    const toml::table t = toml::parse(config);
    h["data"] = t["data"]["prices"].value_or(std::string());
  } catch (const toml::parse_error&) {
    h["data"] = "";
  }
  nlohmann::json plugins = nlohmann::json::array();
  // A compare folder holds each side's modules apart: their names carry the side.
  for (const auto& [file, side] : {std::pair{"modules.json", ""}, {"a_modules.json", "A: "}, {"b_modules.json", "B: "}}) {
    if (!fs::exists(dir / file)) continue;
    for (const auto& m : read_folder_json(dir / file)) {
      const std::string library = m.value("library", "");
      std::string digest;
      try {
        if (!library.empty() && fs::is_regular_file(library)) digest = sha256_file(library);
      } catch (const std::runtime_error&) {
      }
      plugins.push_back({{"name", std::string(side) + m.value("name", "")},
                         {"id", m.value("id", "")},
                         {"version", m.value("version", "")},
                         {"library", library},
                         {"sha256", digest}});
    }
  }
  h["plugins"] = plugins;
  return h;
}

nlohmann::json run_html_data(const fs::path& dir) {
  nlohmann::json d;
  d["kind"] = "run";
  d["header"] = report_header(dir, "run");
  const nlohmann::json metrics = read_folder_json(dir / "metrics.json");
  d["metrics"] = metrics;
  const DatedCsv equity = read_dated_csv(dir / "equity.csv");
  const std::vector<double>& curve = equity.column("equity");
  d["dates"] = equity.dates;
  d["equity"] = chart_numbers(curve);
  d["drawdown"] = chart_numbers(equity.column("drawdown"));
  d["header"]["bars"] = equity.dates.size();
  if (!equity.dates.empty()) {
    d["header"]["first"] = equity.dates.front();
    d["header"]["last"] = equity.dates.back();
  }
  if (fs::exists(dir / "benchmark.csv")) {
    const DatedCsv bench = read_dated_csv(dir / "benchmark.csv");
    if (bench.dates != equity.dates)
      throw app::Error(app::ErrorKind::Data,
                       fmt::format("{}: its dates are not those of equity.csv", (dir / "benchmark.csv").string()),
                       {.file = (dir / "benchmark.csv").string()});
    d["benchmark"] = chart_numbers(bench.column("equity"));
  }
  nlohmann::json monthly = nlohmann::json::array();
  for (const auto& m : monthly_returns(equity.dates, curve))
    monthly.push_back({{"year", m.year}, {"month", m.month}, {"value", m.value}});
  d["monthly"] = monthly;
  const nlohmann::json settings = metrics.value("settings", nlohmann::json::object());
  const double per_year = settings.value("periods_per_year", 252.0);
  const double rf = std::pow(1 + settings.value("risk_free_rate", 0.0), 1 / per_year) - 1;
  const size_t window = static_cast<size_t>(std::lround(per_year / 2));
  d["rolling_sharpe"] = {{"window", window}, {"values", chart_numbers(rolling_sharpe(curve, window, per_year, rf))}};
  if (fs::exists(dir / "weights.csv")) {
    const DatedCsv weights = read_dated_csv(dir / "weights.csv");
    if (weights.dates != equity.dates)
      throw app::Error(app::ErrorKind::Data,
                       fmt::format("{}: its dates are not those of equity.csv", (dir / "weights.csv").string()),
                       {.file = (dir / "weights.csv").string()});
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& v : weights.values) columns.push_back(chart_numbers(v));
    d["weights"] = {{"assets", weights.columns}, {"values", columns}};
  }
  nlohmann::json modules = nlohmann::json::array();
  if (fs::exists(dir / "modules.json"))
    for (const auto& m : read_folder_json(dir / "modules.json")) {
      const auto sla = m.value("sla", nlohmann::json::object());
      const auto latency = m.value("latency_ms", nlohmann::json::object());
      modules.push_back({{"name", m.value("name", "")},
                         {"version", m.value("version", "")},
                         {"status", m.value("status", "")},
                         {"latency_ms", latency.value("last", nlohmann::json())},
                         {"max_latency_ms", sla.value("max_latency_ms", nlohmann::json())},
                         {"sla", sla.value("verdict", "")},
                         {"confidence", m.value("confidence", nlohmann::json())}});
    }
  d["modules"] = modules;
  return d;
}

}  // namespace mosaic::host::report
