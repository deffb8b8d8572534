#include "host/cli/backtest_report.hpp"
#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/comparison_report.hpp"
#include "host/cli/run_folder.hpp"
#include "host/cli/session.hpp"
#include "host/data/timestamp.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/research/backtest_rows.hpp"

#include <fmt/format.h>

#include <cmath>

namespace fs = std::filesystem;

namespace mosaic::host::cli {
namespace {

constexpr std::size_t kResamples = 1000;
constexpr double kConfidence = 0.95;

struct Side {
  std::string path;  // as given on the command line
  std::unique_ptr<Session> session;
  std::vector<std::string> degraded_reasons;
  BacktestOutcome backtest;
  BacktestResult aligned;  // on the bars both sides hold
  Metrics metrics;         // of `aligned`
};

struct Comparison {
  Side a, b;
  research::CommonBars common;
  bool same_calendar = true;
  BacktestSettings measure;  // A's risk-free rate and year length, for both
  research::BootstrapSettings bootstrap;
  research::SharpeComparison sharpe;
  std::vector<std::string> notes;
};

Side open_side(const CommonOptions& o, const std::string& config) {
  CommonOptions one = o;
  one.config = config;
  one.positional.clear();
  Side side;
  side.path = config;
  side.session = open_session(one);
  return side;
}

void run_side(Side& side) {
  Session& s = *side.session;
  const RunResult result = s.pipeline->run(data_ports(s), shape_of(s.data));
  side.degraded_reasons = result.degraded_reasons;
  auto backtest = backtest_run(s.data, result, s.config.backtest);
  if (!backtest)
    throw CliError(kModule,
                   fmt::format("{}: the pipeline produced no weights.final or weights.target to compare{}", side.path,
                               result.degraded() ? " (" + result.degraded_reasons.front() + ")" : ""));
  side.backtest = std::move(*backtest);
}

std::string span_of(const Session& s) {
  return fmt::format("{} bars, {} to {}", s.data.bars(), format_timestamp(s.data.ts.front()),
                     format_timestamp(s.data.ts.back()));
}

std::string describe(const Side& side) {
  return fmt::format("{}  ({}: {})", side.path, side.session->config.prices.string(), span_of(*side.session));
}

// Both sides measured on the common bars by A's conventions, so a different risk-free rate
// or year length in B cannot pass for a difference in the strategies; each keeps its own
// trading costs, which are part of the strategy.
void measure(Comparison& c, std::uint64_t seed) {
  const Session &sa = *c.a.session, &sb = *c.b.session;
  c.same_calendar = c.common.a.size() == sa.data.bars() && c.common.b.size() == sb.data.bars();
  if (!c.same_calendar)
    c.notes.push_back(fmt::format("the calendars differ (A {}, B {}): compared on the {} bars both hold", span_of(sa),
                                  span_of(sb), c.common.a.size()));
  c.measure = sa.config.backtest;
  if (sb.config.backtest.risk_free_rate != c.measure.risk_free_rate ||
      sb.config.backtest.periods_per_year != c.measure.periods_per_year)
    c.notes.push_back(fmt::format(
        "B's [backtest] risk_free_rate / periods_per_year ({} / {}) differ from A's: both are measured with A's "
        "({} / {})",
        sb.config.backtest.risk_free_rate, sb.config.backtest.periods_per_year, c.measure.risk_free_rate,
        c.measure.periods_per_year));
  c.a.aligned = research::restrict_to_bars(c.a.backtest.result, c.common.a);
  c.b.aligned = research::restrict_to_bars(c.b.backtest.result, c.common.b);
  c.a.metrics = compute_metrics(c.a.aligned, c.measure);
  c.b.metrics = compute_metrics(c.b.aligned, c.measure);

  const auto xa = research::excess_returns(c.a.aligned, c.measure);
  const auto xb = research::excess_returns(c.b.aligned, c.measure);
  c.bootstrap.resamples = kResamples;
  c.bootstrap.seed = seed;
  c.bootstrap.mean_block_length = research::default_mean_block_length(xa.size());
  c.sharpe.periods = xa.size();
  if (xa.size() >= 2)
    c.sharpe = research::compare_sharpe(xa, xb, c.measure.periods_per_year, c.bootstrap, kConfidence);
  else
    c.sharpe.notes.push_back(fmt::format("only {} common bar(s): too few periods to compare", c.common.a.size()));
  c.notes.insert(c.notes.end(), c.sharpe.notes.begin(), c.sharpe.notes.end());
  for (const Side* side : {&c.a, &c.b})
    for (const auto& r : side->degraded_reasons)
      c.notes.push_back(fmt::format("{} degraded: {}", side == &c.a ? "A" : "B", r));
}

nlohmann::json side_json(const Side& side) {
  const Session& s = *side.session;
  return {{"config", s.config.file.string()},
          {"data",
           {{"file", s.config.prices.string()},
            {"bars", s.data.bars()},
            {"assets", s.data.assets()},
            {"first", format_timestamp(s.data.ts.front())},
            {"last", format_timestamp(s.data.ts.back())}}},
          {"weights", side.backtest.weights_port},
          {"degraded", !side.degraded_reasons.empty()},
          {"degraded_reasons", side.degraded_reasons},
          {"metrics_on_own_bars", metrics_json(side.backtest, s.config.backtest)}};
}

nlohmann::json report_json(const Comparison& c, const fs::path& folder) {
  const auto& ts = c.a.session->data.ts;
  return {
      {"a", side_json(c.a)},
      {"b", side_json(c.b)},
      {"common_bars",
       {{"bars", c.common.a.size()},
        {"periods", c.sharpe.periods},
        {"same_calendar", c.same_calendar},
        {"first", format_timestamp(ts[c.common.a.front()])},
        {"last", format_timestamp(ts[c.common.a.back()])}}},
      {"measured_with",
       {{"risk_free_rate", c.measure.risk_free_rate}, {"periods_per_year", c.measure.periods_per_year}}},
      {"metrics", metrics_side_by_side_json(c.a.metrics, c.b.metrics)},
      {"sharpe_difference", sharpe_comparison_json(c.sharpe, kConfidence)},
      {"bootstrap_settings",
       {{"method",
         "stationary bootstrap of the paired excess returns: percentile interval, p-value from the centred "
         "replicates"},
        {"resamples", c.bootstrap.resamples},
        {"mean_block_length", c.bootstrap.mean_block_length},
        {"seed", c.bootstrap.seed}}},
      {"notes", c.notes},
      {"run_folder", folder.string()},
  };
}

std::string summary_text(const Comparison& c) {
  const auto& ts = c.a.session->data.ts;
  const auto number = [](const char* spec, double x) {
    return std::isfinite(x) ? fmt::format(fmt::runtime(spec), x) : "-";
  };
  std::string text =
      fmt::format("mosaic compare\n  A  {}\n  B  {}\n  compared on {} common bars ({} periods), {} to {}\n\n",
                  describe(c.a), describe(c.b), c.common.a.size(), c.sharpe.periods,
                  format_timestamp(ts[c.common.a.front()]), format_timestamp(ts[c.common.a.back()]));
  text += metrics_side_by_side(c.a.metrics, c.b.metrics) + "\n";
  text += fmt::format("Sharpe ratio B - A: {} per period, {} annualised; correlation of the returns {}\n\n",
                      number("{:+.4f}", c.sharpe.difference), number("{:+.3f}", c.sharpe.difference_annualised),
                      c.sharpe.correlation ? number("{:.4f}", *c.sharpe.correlation) : "-");
  text += sharpe_tests_table(c.sharpe);
  text += fmt::format("\nverdict: {}\n", comparison_verdict(c.sharpe, kConfidence));
  text += fmt::format("(bootstrap: {} resamples, mean block {} bars, seed {})\n", c.bootstrap.resamples,
                      c.bootstrap.mean_block_length, c.bootstrap.seed);
  for (const auto& n : c.notes) text += "note: " + n + "\n";
  return text;
}

std::string equity_csv(const Comparison& c) {
  std::string csv = "date,a,b\n";
  for (std::size_t k = 0; k < c.common.a.size(); ++k)
    csv += fmt::format("{},{},{}\n", format_timestamp(c.a.session->data.ts[c.common.a[k]]), c.a.aligned.equity[k],
                       c.b.aligned.equity[k]);
  return csv;
}

}  // namespace

int cmd_compare(const CommonOptions& o) {
  if (o.positional.size() != 2)
    throw CliError(kUsage, fmt::format("expected two configs, got {}: mosaic compare A.toml B.toml\n\n{}",
                                       o.positional.size(), usage()));
  Comparison c{open_side(o, o.positional[0]), open_side(o, o.positional[1]), {}, true, {}, {}, {}, {}};
  const Session &sa = *c.a.session, &sb = *c.b.session;
  c.common = research::common_bars(sa.data.ts, sb.data.ts);
  if (c.common.a.empty())
    throw CliError(kData, fmt::format("{} and {} have no bars in common", describe(c.a), describe(c.b)));
  run_side(c.a);
  run_side(c.b);
  measure(c, o.seed);

  const fs::path folder = make_run_folder(o.out, "compare");
  const nlohmann::json report = report_json(c, folder);
  const std::string summary = summary_text(c);
  write_text_file(folder / "a.toml", sa.config.text);
  write_text_file(folder / "b.toml", sb.config.text);
  write_text_file(folder / "report.json", report.dump(2) + "\n");
  write_text_file(folder / "summary.txt", summary);
  write_text_file(folder / "equity.csv", equity_csv(c));

  if (o.json)
    fmt::print("{}\n", report.dump(2));
  else
    fmt::print("{}\nwrote {}\n", summary, folder.string());
  return kOk;
}

}  // namespace mosaic::host::cli
