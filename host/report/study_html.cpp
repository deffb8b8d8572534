#include "host/report/study_html.hpp"

#include "host/report/csv_rows.hpp"
#include "host/report/dated_csv.hpp"
#include "host/report/folder_files.hpp"
#include "host/report/run_html.hpp"

#include <cmath>

namespace mosaic::host::report {
namespace fs = std::filesystem;
namespace {

// Every column of a dated equity file as a chart series.
nlohmann::json equity_series(const DatedCsv& e) {
  nlohmann::json series = nlohmann::json::array();
  for (size_t c = 0; c < e.columns.size(); ++c)
    series.push_back({{"name", e.columns[c]}, {"equity", chart_numbers(e.values[c])}});
  return series;
}

std::vector<double> drawdown_of(const std::vector<double>& equity) {
  std::vector<double> d(equity.size(), NAN);
  double peak = NAN;
  for (size_t t = 0; t < equity.size(); ++t) {
    if (!std::isfinite(equity[t])) continue;
    peak = std::isnan(peak) ? equity[t] : std::max(peak, equity[t]);
    d[t] = peak > 0 ? 1 - equity[t] / peak : NAN;
  }
  return d;
}

// The correlation of the two curves' per-period returns over the last `window` periods.
std::vector<double> rolling_correlation(const std::vector<double>& a, const std::vector<double>& b, size_t window) {
  const size_t n = std::min(a.size(), b.size());
  std::vector<double> out(n, NAN);
  for (size_t t = window; t < n; ++t) {
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    bool finite = true;
    for (size_t k = t + 1 - window; k <= t; ++k) {
      const double ra = a[k] / a[k - 1] - 1, rb = b[k] / b[k - 1] - 1;
      finite = finite && std::isfinite(ra) && std::isfinite(rb);
      sa += ra, sb += rb, saa += ra * ra, sbb += rb * rb, sab += ra * rb;
    }
    const double w = static_cast<double>(window);
    const double cov = sab - sa * sb / w, va = saa - sa * sa / w, vb = sbb - sb * sb / w;
    if (finite && va > 0 && vb > 0) out[t] = cov / std::sqrt(va * vb);
  }
  return out;
}

}  // namespace

nlohmann::json ablate_html_data(const fs::path& dir) {
  nlohmann::json d;
  d["kind"] = "ablate";
  d["header"] = report_header(dir, "ablate");
  const nlohmann::json report = read_folder_json(dir / "report.json");
  d["bootstrap"] = report.value("bootstrap", nlohmann::json::object());
  // ablation.csv: each run's change of every metric against the full pipeline, with its interval.
  const CsvRows a = read_csv_rows(dir / "ablation.csv");
  const size_t run = a.column("run"), metric = a.column("metric"), full = a.column("full"), value = a.column("value"),
               change = a.column("change"), low = a.column("ci_low"), high = a.column("ci_high");
  nlohmann::json effects = nlohmann::json::array();
  for (size_t r = 0; r < a.rows.size(); ++r) {
    auto number = [&](size_t c) {
      const double v = a.number(r, c);
      return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
    };
    effects.push_back({{"run", a.rows[r][run]}, {"metric", a.rows[r][metric]}, {"full", number(full)},
                       {"value", number(value)}, {"change", number(change)}, {"ci_low", number(low)},
                       {"ci_high", number(high)}});
  }
  d["effects"] = effects;
  const DatedCsv e = read_dated_csv(dir / "equity.csv");
  d["dates"] = e.dates;
  d["runs"] = equity_series(e);
  return d;
}

nlohmann::json compare_html_data(const fs::path& dir) {
  nlohmann::json d;
  d["kind"] = "compare";
  d["header"] = report_header(dir, "compare");
  d["header"]["config"] = "# a.toml\n" + read_folder_file(dir / "a.toml") + "\n# b.toml\n" + read_folder_file(dir / "b.toml");
  const nlohmann::json report = read_folder_json(dir / "report.json");
  d["header"]["data"] = report.value("a", nlohmann::json::object()).value("data", nlohmann::json::object()).value("file", "");
  d["metrics"] = report.value("metrics", nlohmann::json::object());
  d["sharpe_difference"] = report.value("sharpe_difference", nlohmann::json::object());
  d["common_bars"] = report.value("common_bars", nlohmann::json());
  const DatedCsv e = read_dated_csv(dir / "equity.csv");
  d["dates"] = e.dates;
  const std::vector<double>& a = e.column("a");
  const std::vector<double>& b = e.column("b");
  d["a"] = {{"equity", chart_numbers(a)}, {"drawdown", chart_numbers(drawdown_of(a))}};
  d["b"] = {{"equity", chart_numbers(b)}, {"drawdown", chart_numbers(drawdown_of(b))}};
  constexpr size_t kWindow = 126;  // 6 months of daily bars
  d["rolling_correlation"] = {{"window", kWindow}, {"values", chart_numbers(rolling_correlation(a, b, kWindow))}};
  return d;
}

}  // namespace mosaic::host::report
