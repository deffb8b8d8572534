#include "host/research/ab_test.hpp"

#include "host/data/timestamp.hpp"
#include "host/research/backtest_rows.hpp"

#include <fmt/format.h>

namespace mosaic::host::research {
namespace {

std::string span_of(const MarketData& d) {
  return fmt::format("{} bars, {} to {}", d.bars(), format_timestamp(d.ts.front()), format_timestamp(d.ts.back()));
}

}  // namespace

AbTest ab_test(const AbSide& a, const AbSide& b, CommonBars common, std::uint64_t seed) {
  AbTest c;
  c.common = std::move(common);
  c.same_calendar = c.common.a.size() == a.data.bars() && c.common.b.size() == b.data.bars();
  if (!c.same_calendar)
    c.notes.push_back(fmt::format("the calendars differ (A {}, B {}): compared on the {} bars both hold",
                                  span_of(a.data), span_of(b.data), c.common.a.size()));
  c.measure = a.settings;
  if (b.settings.risk_free_rate != c.measure.risk_free_rate || b.settings.periods_per_year != c.measure.periods_per_year)
    c.notes.push_back(fmt::format(
        "B's [backtest] risk_free_rate / periods_per_year ({} / {}) differ from A's: both are measured with A's "
        "({} / {})",
        b.settings.risk_free_rate, b.settings.periods_per_year, c.measure.risk_free_rate, c.measure.periods_per_year));
  c.aligned_a = restrict_to_bars(a.backtest.result, c.common.a);
  c.aligned_b = restrict_to_bars(b.backtest.result, c.common.b);
  c.metrics_a = compute_metrics(c.aligned_a, c.measure);
  c.metrics_b = compute_metrics(c.aligned_b, c.measure);

  const auto xa = excess_returns(c.aligned_a, c.measure);
  const auto xb = excess_returns(c.aligned_b, c.measure);
  c.bootstrap.resamples = kDefaultResamples;
  c.bootstrap.seed = seed;
  c.bootstrap.mean_block_length = default_mean_block_length(xa.size());
  c.sharpe.periods = xa.size();
  if (xa.size() >= 2)
    c.sharpe = compare_sharpe(xa, xb, c.measure.periods_per_year, c.bootstrap, kDefaultConfidence);
  else
    c.sharpe.notes.push_back(fmt::format("only {} common bar(s): too few periods to compare", c.common.a.size()));
  c.notes.insert(c.notes.end(), c.sharpe.notes.begin(), c.sharpe.notes.end());
  for (const AbSide* side : {&a, &b})
    for (const auto& r : side->degraded_reasons)
      c.notes.push_back(fmt::format("{} degraded: {}", side == &a ? "A" : "B", r));
  return c;
}

}  // namespace mosaic::host::research
