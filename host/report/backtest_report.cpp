#include "host/report/backtest_report.hpp"

#include "host/app/error.hpp"
#include "host/report/text_table.hpp"
#include "host/data/timestamp.hpp"

#include <mosaic/arrow.hpp>

#include <fmt/format.h>
#include <fmt/os.h>

#include <cmath>

namespace mosaic::host::report {
namespace {

std::string percent(double x) { return std::isfinite(x) ? fmt::format("{:.2f}%", 100 * x) : "-"; }
std::string ratio(double x) { return std::isfinite(x) ? fmt::format("{:.3f}", x) : "-"; }
nlohmann::json number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

}  // namespace

std::string metrics_table(const Metrics& m) {
  TextTable t({"metric", "value"});
  t.add({"total return", percent(m.total_return)});
  t.add({"CAGR", percent(m.cagr)});
  t.add({"annualised volatility", percent(m.ann_volatility)});
  t.add({"Sharpe", ratio(m.sharpe)});
  t.add({"Sortino", ratio(m.sortino)});
  t.add({"max drawdown", percent(m.max_drawdown)});
  t.add({"Calmar", ratio(m.calmar)});
  t.add({"turnover (per year)", ratio(m.turnover)});
  t.add({"hit rate", percent(m.hit_rate)});
  t.add({"exposure", ratio(m.exposure)});
  return t.str();
}

std::string backtest_terms(const BacktestSettings& s) {
  std::string out = fmt::format("{} bps costs", s.cost_bps);
  if (s.slippage_bps != 0) out += fmt::format(", {} bps slippage", s.slippage_bps);
  const size_t later = s.delay + (s.fill == Fill::NextOpen ? 1 : 0);  // bars from the decision to the fill
  const char* at = s.fill == Fill::NextOpen ? "open" : "close";
  if (later == 1) out += fmt::format(", filled at the next {}", at);
  else if (later > 1) out += fmt::format(", filled at the {} {} bars later", at, later);
  return out;
}

nlohmann::json metrics_json(const research::WeightsBacktest& b, const BacktestSettings& s) {
  nlohmann::json j = {{"weights", b.weights_port},
                      {"periods", b.metrics.periods},
                      {"settings",
                       {{"cost_bps", s.cost_bps},
                        {"slippage_bps", s.slippage_bps},
                        {"delay", s.delay},
                        {"fill", std::string(fill_name(s.fill))},
                        {"risk_free_rate", s.risk_free_rate},
                        {"periods_per_year", s.periods_per_year}}}};
  for (const auto& [name, value] : b.metrics.items()) j[name] = number(value);
  return j;
}

void write_backtest_files(const MarketData& data, const research::WeightsBacktest& b, const BuyAndHold* benchmark,
                          const std::filesystem::path& dir) {
  try {
    auto equity = fmt::output_file((dir / "equity.csv").string());
    equity.print("date,equity,drawdown\n");
    for (size_t t = 0; t < data.bars(); ++t)
      equity.print("{},{},{}\n", format_timestamp(data.ts[t]), b.result.equity[t], b.result.drawdown[t]);
    if (benchmark) {  // report.html draws it beside the equity
      auto csv = fmt::output_file((dir / "benchmark.csv").string());
      csv.print("date,equity\n");
      for (size_t t = 0; t < data.bars(); ++t) csv.print("{},{}\n", format_timestamp(data.ts[t]), benchmark->equity[t]);
    }
    auto weights = fmt::output_file((dir / "weights.csv").string());
    weights.print("date");
    for (const auto& ticker : data.tickers) weights.print(",{}", ticker);
    weights.print("\n");
    for (size_t t = 0; t < data.bars(); ++t) {
      weights.print("{}", format_timestamp(data.ts[t]));
      for (size_t a = 0; a < data.assets(); ++a) weights.print(",{}", b.result.held[a * data.bars() + t]);
      weights.print("\n");
    }
  } catch (const std::system_error& e) {
    throw app::Error(app::ErrorKind::Output,
                     fmt::format("cannot write the run folder {}: {}", dir.string(), e.code().message()),
                     {.file = dir.string()});
  }
}

}  // namespace mosaic::host::report
