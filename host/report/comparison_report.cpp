#include "host/report/comparison_report.hpp"

#include "host/pipeline/module_json.hpp"

#include "host/data/timestamp.hpp"
#include "host/report/backtest_report.hpp"
#include "host/report/metric_format.hpp"
#include "host/report/run_folder.hpp"
#include "host/report/run_report.hpp"
#include "host/report/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace fs = std::filesystem;

namespace mosaic::host::report {
namespace {

std::string signed_number(double x) { return std::isfinite(x) ? fmt::format("{:+.4f}", x) : "-"; }
std::string interval(double low, double high) {
  return std::isfinite(low) && std::isfinite(high) ? fmt::format("[{:+.4f}, {:+.4f}]", low, high) : "-";
}
std::string p_value(double p) { return std::isfinite(p) ? fmt::format("{:.4f}", p) : "-"; }

// -1: significantly below 0, +1: above, 0: not significant, nullopt: no test.
std::optional<int> direction(bool available, double low, double high) {
  if (!available) return std::nullopt;
  return low > 0 ? 1 : high < 0 ? -1 : 0;
}

std::string span_of(const app::Session& s) {
  return fmt::format("{} bars, {} to {}", s.data.bars(), format_timestamp(s.data.ts.front()),
                     format_timestamp(s.data.ts.back()));
}

std::string describe(const app::ComparedSide& side) {
  return fmt::format("{}  ({}: {})", side.path, side.session->config.prices.string(), span_of(*side.session));
}

nlohmann::json side_json(const app::ComparedSide& side) {
  const app::Session& s = *side.session;
  return {{"config", s.config.file.string()},
          {"data", data_json(s)},
          {"weights", side.backtest.weights_port},
          {"degraded", !side.degraded_reasons.empty()},
          {"degraded_reasons", side.degraded_reasons},
          {"metrics_on_own_bars", metrics_json(side.backtest, s.config.backtest)}};
}

}  // namespace

std::string metrics_side_by_side(const Metrics& a, const Metrics& b) {
  TextTable t({"metric", "A", "B", "B - A"});
  const auto ia = a.items(), ib = b.items();
  for (std::size_t i = 0; i < ia.size(); ++i) {
    std::string label = ia[i].first;
    std::replace(label.begin(), label.end(), '_', ' ');
    t.add({label, format_metric(ia[i].first, ia[i].second), format_metric(ib[i].first, ib[i].second),
           format_metric_change(ia[i].first, ib[i].second - ia[i].second)});
  }
  return t.str();
}

std::string sharpe_tests_table(const research::SharpeComparison& c) {
  TextTable t({"test of Sharpe(B) - Sharpe(A)", "estimate", "95% CI", "statistic", "p-value"});
  if (const auto& j = c.jobson_korkie_memmel)
    t.add({"Jobson-Korkie-Memmel", signed_number(j->difference), interval(j->ci_low, j->ci_high),
           fmt::format("z = {:.3f}", j->z), p_value(j->p_value)});
  else
    t.add({"Jobson-Korkie-Memmel", signed_number(c.difference), "-", "not computed", "-"});
  if (const auto& b = c.bootstrap)
    t.add({"stationary bootstrap (Ledoit-Wolf 2008 style)", signed_number(b->estimate), interval(b->low, b->high),
           fmt::format("se = {:.4f}", b->std_error), p_value(b->p_value)});
  else
    t.add({"stationary bootstrap (Ledoit-Wolf 2008 style)", signed_number(c.difference), "-", "not computed", "-"});
  return t.str();
}

std::string comparison_verdict(const research::SharpeComparison& c, double confidence) {
  const int level = static_cast<int>(std::lround(100 * (1 - confidence)));
  if (c.identical) return "A and B earn the same return on every period: no difference to test";
  const auto& j = c.jobson_korkie_memmel;
  const auto& b = c.bootstrap;
  const auto dj = direction(j.has_value(), j ? j->ci_low : NAN, j ? j->ci_high : NAN);
  const auto db = direction(b.has_value(), b ? b->low : NAN, b ? b->high : NAN);
  if (!dj && !db) return "the Sharpe difference cannot be tested (see the notes)";
  auto words = [](int d) {
    return d > 0   ? "B's Sharpe ratio is significantly higher than A's"
           : d < 0 ? "B's Sharpe ratio is significantly lower than A's"
                   : "no significant difference in Sharpe ratio";
  };
  if (dj && db && *dj == *db) return fmt::format("{} at the {}% level (both tests)", words(*dj), level);
  if (dj && db)
    return fmt::format("the tests disagree at the {}% level: Jobson-Korkie-Memmel says {}, the bootstrap says {}",
                       level, words(*dj), words(*db));
  return fmt::format("{} at the {}% level ({} only)", words(dj ? *dj : *db), level,
                     dj ? "Jobson-Korkie-Memmel" : "bootstrap");
}

nlohmann::json metrics_side_by_side_json(const Metrics& a, const Metrics& b) {
  nlohmann::json j = nlohmann::json::object();
  const auto ia = a.items(), ib = b.items();
  for (std::size_t i = 0; i < ia.size(); ++i)
    j[ia[i].first] = {{"a", json_number(ia[i].second)},
                      {"b", json_number(ib[i].second)},
                      {"b_minus_a", json_number(ib[i].second - ia[i].second)}};
  return j;
}

nlohmann::json sharpe_comparison_json(const research::SharpeComparison& c, double confidence) {
  nlohmann::json j = {{"periods", c.periods},
                      {"sharpe_a_per_period", json_number(c.sharpe_a)},
                      {"sharpe_b_per_period", json_number(c.sharpe_b)},
                      {"difference_per_period", json_number(c.difference)},
                      {"difference_annualised", json_number(c.difference_annualised)},
                      {"identical", c.identical},
                      {"correlation", c.correlation ? json_number(*c.correlation) : nlohmann::json(nullptr)},
                      {"confidence", confidence},
                      {"verdict", comparison_verdict(c, confidence)},
                      {"notes", c.notes}};
  if (const auto& t = c.jobson_korkie_memmel)
    j["jobson_korkie_memmel"] = {{"difference", t->difference}, {"std_error", t->std_error}, {"z", t->z},
                                 {"p_value", t->p_value},       {"ci_low", t->ci_low},       {"ci_high", t->ci_high}};
  else
    j["jobson_korkie_memmel"] = nullptr;
  if (const auto& b = c.bootstrap)
    j["bootstrap"] = {{"difference", b->estimate},
                      {"std_error", b->std_error},
                      {"p_value", b->p_value},
                      {"ci_low", b->low},
                      {"ci_high", b->high}};
  else
    j["bootstrap"] = nullptr;
  return j;
}

nlohmann::json comparison_report_json(const app::ComparisonResult& c, const fs::path& folder) {
  const auto& ts = c.a.session->data.ts;
  return {
      {"a", side_json(c.a)},
      {"b", side_json(c.b)},
      {"common_bars",
       {{"bars", c.test.common.a.size()},
        {"periods", c.test.sharpe.periods},
        {"same_calendar", c.test.same_calendar},
        {"first", format_timestamp(ts[c.test.common.a.front()])},
        {"last", format_timestamp(ts[c.test.common.a.back()])}}},
      {"measured_with",
       {{"risk_free_rate", c.test.measure.risk_free_rate}, {"periods_per_year", c.test.measure.periods_per_year}}},
      {"metrics", metrics_side_by_side_json(c.test.metrics_a, c.test.metrics_b)},
      {"sharpe_difference", sharpe_comparison_json(c.test.sharpe, research::kDefaultConfidence)},
      {"bootstrap_settings",
       {{"method",
         "stationary bootstrap of the paired excess returns: percentile interval, p-value from the centred "
         "replicates"},
        {"resamples", c.test.bootstrap.resamples},
        {"mean_block_length", c.test.bootstrap.mean_block_length},
        {"seed", c.test.bootstrap.seed}}},
      {"notes", c.test.notes},
      {"run_folder", folder.string()},
  };
}

std::string comparison_summary(const app::ComparisonResult& c) {
  const auto& ts = c.a.session->data.ts;
  const auto number = [](const char* spec, double x) {
    return std::isfinite(x) ? fmt::format(fmt::runtime(spec), x) : "-";
  };
  std::string text =
      fmt::format("mosaic compare\n  A  {}\n  B  {}\n  compared on {} common bars ({} periods), {} to {}\n\n",
                  describe(c.a), describe(c.b), c.test.common.a.size(), c.test.sharpe.periods,
                  format_timestamp(ts[c.test.common.a.front()]), format_timestamp(ts[c.test.common.a.back()]));
  text += metrics_side_by_side(c.test.metrics_a, c.test.metrics_b) + "\n";
  text += fmt::format("Sharpe ratio B - A: {} per period, {} annualised; correlation of the returns {}\n\n",
                      number("{:+.4f}", c.test.sharpe.difference), number("{:+.3f}", c.test.sharpe.difference_annualised),
                      c.test.sharpe.correlation ? number("{:.4f}", *c.test.sharpe.correlation) : "-");
  text += sharpe_tests_table(c.test.sharpe);
  text += fmt::format("\nverdict: {}\n", comparison_verdict(c.test.sharpe, research::kDefaultConfidence));
  text += fmt::format("(bootstrap: {} resamples, mean block {} bars, seed {})\n", c.test.bootstrap.resamples,
                      c.test.bootstrap.mean_block_length, c.test.bootstrap.seed);
  for (const auto& n : c.test.notes) text += "note: " + n + "\n";
  return text;
}

std::string comparison_equity_csv(const app::ComparisonResult& c) {
  std::string csv = "date,a,b\n";
  for (std::size_t k = 0; k < c.test.common.a.size(); ++k)
    csv += fmt::format("{},{},{}\n", format_timestamp(c.a.session->data.ts[c.test.common.a[k]]), c.test.aligned_a.equity[k],
                       c.test.aligned_b.equity[k]);
  return csv;
}

void write_comparison_folder(const app::ComparisonResult& c, const std::filesystem::path& dir) {
  write_text_file(dir / "a.toml", c.a.session->config.text);
  write_text_file(dir / "b.toml", c.b.session->config.text);
  write_text_file(dir / "report.json", comparison_report_json(c, dir).dump(2) + "\n");
  write_text_file(dir / "summary.txt", comparison_summary(c));
  write_text_file(dir / "equity.csv", comparison_equity_csv(c));
  // Each side's modules, versions and libraries, for report.html's header.
  if (c.a.session && c.a.session->pipeline)
    write_text_file(dir / "a_modules.json", module_json(*c.a.session->pipeline, nullptr).dump(2) + "\n");
  if (c.b.session && c.b.session->pipeline)
    write_text_file(dir / "b_modules.json", module_json(*c.b.session->pipeline, nullptr).dump(2) + "\n");
}

}  // namespace mosaic::host::report
