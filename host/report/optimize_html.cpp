#include "host/report/optimize_html.hpp"

#include "host/app/error.hpp"
#include "host/report/csv_rows.hpp"
#include "host/report/folder_files.hpp"
#include "host/report/run_html.hpp"
#include "host/research/objective.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace mosaic::host::report {
namespace fs = std::filesystem;
namespace {

// Every k-th index of n so that at most `cap` remain, and the note that says so.
std::pair<size_t, std::string> thinning(size_t n, size_t cap) {
  if (n <= cap) return {1, ""};
  const size_t k = (n + cap - 1) / cap;
  return {k, fmt::format("{} of {} points drawn (one row in {}); the CSV has them all", (n + k - 1) / k, n, k)};
}

nlohmann::json value_of(const std::string& cell) {
  double v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec == std::errc() && end == cell.data() + cell.size()) return v;
  return cell;  // an enum value, a bool, on/off
}

}  // namespace

nlohmann::json optimize_html_data(const fs::path& dir) {
  nlohmann::json d;
  d["kind"] = "optimize";
  d["header"] = report_header(dir, "optimize");
  const nlohmann::json report = read_folder_json(dir / "report.json");
  if (!report.contains("folds") || report["folds"].empty() || !report.contains("targets") || report["targets"].empty())
    throw app::Error(app::ErrorKind::Data,
                     fmt::format("{}: expected folds and targets, as mosaic optimize writes them",
                                 (dir / "report.json").string()),
                     {.file = (dir / "report.json").string()});
  const std::string target = report["targets"][0].value("metric", "sharpe");
  const bool maximize = report["targets"][0].value("maximize", true);
  const size_t folds = report["folds"].size();
  const nlohmann::json& last = report["folds"].back();
  d["target"] = target;
  d["maximize"] = maximize;
  d["method"] = report.value("method", "");
  d["folds"] = folds;
  d["fold"] = last;  // counts, leaders, DSR and PBO of the last fold

  // results.csv: the best so far against evaluations, and the target against each parameter.
  const CsvRows results = read_csv_rows(dir / "results.csv");
  const size_t fold_col = results.column("fold"), status_col = results.column("status"),
               target_col = results.column(target), problem_col = results.column("problem");
  const std::vector<std::string> metrics = research::metric_names();
  std::vector<size_t> dims;  // the search space's columns: after "problem", before the metrics
  for (size_t c = problem_col + 1; c < results.header.size(); ++c) {
    if (std::find(metrics.begin(), metrics.end(), results.header[c]) != metrics.end()) break;
    dims.push_back(c);
  }
  const std::string last_fold = std::to_string(folds);
  std::vector<size_t> rows;  // the last fold's configurations that ran
  for (size_t r = 0; r < results.rows.size(); ++r)
    if (results.rows[r][fold_col] == last_fold && results.rows[r][status_col] != "failed") rows.push_back(r);
  {
    nlohmann::json evaluations = nlohmann::json::array(), best = nlohmann::json::array();
    double so_far = NAN;
    const auto [k, note] = thinning(rows.size(), kChartPoints);
    for (size_t i = 0; i < rows.size(); ++i) {
      const double v = results.number(rows[i], target_col);
      if (results.rows[rows[i]][status_col] == "ok" && std::isfinite(v) &&
          (std::isnan(so_far) || (maximize ? v > so_far : v < so_far)))
        so_far = v;
      if (i % k == 0 || i + 1 == rows.size()) {
        evaluations.push_back(i + 1);
        best.push_back(std::isfinite(so_far) ? nlohmann::json(so_far) : nlohmann::json());
      }
    }
    d["best_so_far"] = {{"evaluations", evaluations}, {"best", best}, {"note", note}};
  }
  {
    // One chart per parameter shares the target values; many parameters share the points,
    // so that the page stays under 5 MB (kParameterPoints in all, at least 300 each).
    const size_t cap = std::clamp<size_t>(kParameterPoints / std::max<size_t>(dims.size(), 1), 300, kChartPoints);
    const auto [k, note] = thinning(rows.size(), cap);
    nlohmann::json params = nlohmann::json::array(), y = nlohmann::json::array();
    for (size_t i = 0; i < rows.size(); i += k) {
      const double v = results.number(rows[i], target_col);
      y.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json());
    }
    for (size_t c : dims) {
      nlohmann::json x = nlohmann::json::array();
      for (size_t i = 0; i < rows.size(); i += k) x.push_back(value_of(results.rows[rows[i]][c]));
      params.push_back({{"name", results.header[c]}, {"x", x}});
    }
    d["parameters"] = {{"series", params}, {"y", y}, {"note", note}};
    // Two numeric parameters: the target on their grid (the best where several configurations
    // share a cell, which happens when other parameters or switches vary too).
    if (dims.size() == 2) {
      std::map<std::pair<double, double>, double> cell;
      std::set<double> xs, ys;
      bool numeric = true;
      for (size_t r : rows) {
        const auto a = value_of(results.rows[r][dims[0]]), b = value_of(results.rows[r][dims[1]]);
        if (!a.is_number() || !b.is_number()) {
          numeric = false;
          break;
        }
        const double v = results.number(r, target_col);
        if (!std::isfinite(v)) continue;
        const std::pair key{a.get<double>(), b.get<double>()};
        xs.insert(key.first);
        ys.insert(key.second);
        auto [it, fresh] = cell.emplace(key, v);
        if (!fresh && (maximize ? v > it->second : v < it->second)) it->second = v;
      }
      if (numeric && !cell.empty()) {
        nlohmann::json z = nlohmann::json::array();
        for (double yv : ys) {
          nlohmann::json row = nlohmann::json::array();
          for (double xv : xs) {
            const auto it = cell.find({xv, yv});
            row.push_back(it == cell.end() ? nlohmann::json() : nlohmann::json(it->second));
          }
          z.push_back(row);
        }
        d["heatmap"] = {{"x_name", results.header[dims[0]]}, {"y_name", results.header[dims[1]]},
                        {"x", std::vector<double>(xs.begin(), xs.end())},
                        {"y", std::vector<double>(ys.begin(), ys.end())}, {"z", z}};
      }
    }
  }
  // out_of_sample.csv: in-sample against out-of-sample for the strategies measured there.
  if (fs::exists(dir / "out_of_sample.csv")) {
    const CsvRows oos = read_csv_rows(dir / "out_of_sample.csv");
    const size_t f = oos.column("fold"), t = oos.column("trial"), in = oos.column("in_sample_" + target),
                 out = oos.column("out_of_sample_" + target);
    std::vector<size_t> rows;  // those with the target finite both ways: the points
    size_t measured = 0;
    for (size_t r = 0; r < oos.rows.size(); ++r) {
      if (oos.rows[r][f] != last_fold) continue;
      ++measured;
      if (std::isfinite(oos.number(r, in)) && std::isfinite(oos.number(r, out))) rows.push_back(r);
    }
    const auto [k, note] = thinning(rows.size(), kChartPoints);
    nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array(), trial = nlohmann::json::array();
    for (size_t i = 0; i < rows.size(); i += k) {
      x.push_back(oos.number(rows[i], in));
      y.push_back(oos.number(rows[i], out));
      trial.push_back(oos.rows[rows[i]][t]);
    }
    d["out_of_sample"] = {{"x", x},
                          {"y", y},
                          {"trial", trial},
                          {"measured", measured},
                          {"strategies", last.value("strategies", size_t{0})},
                          {"note", note}};
  }
  // pbo_logits.csv: the CSCV's logit per combination.
  if (fs::exists(dir / "pbo_logits.csv")) {
    const CsvRows logits = read_csv_rows(dir / "pbo_logits.csv");
    const size_t f = logits.column("fold"), l = logits.column("logit");
    std::vector<double> values;
    for (size_t r = 0; r < logits.rows.size(); ++r)
      if (logits.rows[r][f] == last_fold) values.push_back(logits.number(r, l));
    d["pbo_logits"] = chart_numbers(values);
  }
  // equity.csv: the winner over train and test; oos_equity.csv: the stitched walk-forward curve.
  if (fs::exists(dir / "equity.csv")) {
    const CsvRows e = read_csv_rows(dir / "equity.csv");
    const size_t date = e.column("date"), eq = e.column("equity"), sample = e.column("sample");
    nlohmann::json dates = nlohmann::json::array(), train = nlohmann::json::array(), test = nlohmann::json::array();
    for (size_t r = 0; r < e.rows.size(); ++r) {
      dates.push_back(e.rows[r][date]);
      const double v = e.number(r, eq);
      const bool in_train = e.rows[r][sample] == "train";
      // The test line starts at the last training bar so the two lines join.
      const bool joins = in_train && r + 1 < e.rows.size() && e.rows[r + 1][sample] == "test";
      train.push_back(in_train && std::isfinite(v) ? nlohmann::json(v) : nlohmann::json());
      test.push_back((!in_train || joins) && std::isfinite(v) ? nlohmann::json(v) : nlohmann::json());
    }
    d["winner_equity"] = {{"dates", dates}, {"train", train}, {"test", test}};
  }
  if (fs::exists(dir / "oos_equity.csv")) {
    const CsvRows e = read_csv_rows(dir / "oos_equity.csv");
    const size_t date = e.column("date"), eq = e.column("equity");
    nlohmann::json dates = nlohmann::json::array();
    std::vector<double> values;
    for (size_t r = 0; r < e.rows.size(); ++r) {
      dates.push_back(e.rows[r][date]);
      values.push_back(e.number(r, eq));
    }
    d["stitched"] = {{"dates", dates}, {"equity", chart_numbers(values)}};
  }
  return d;
}

}  // namespace mosaic::host::report
