#include "host/research/backtest_rows.hpp"

#include <algorithm>
#include <stdexcept>

namespace mosaic::host::research {
namespace {

// Equity from 1 and the drawdown from its running peak, as the evaluator compounds them.
void compound(BacktestResult& r) {
  r.equity.assign(r.bars, 1.0);
  r.drawdown.assign(r.bars, 0.0);
  double peak = 1.0;
  for (std::size_t t = 1; t < r.bars; ++t) {
    r.equity[t] = r.equity[t - 1] * (1.0 + r.returns[t]);
    peak = std::max(peak, r.equity[t]);
    r.drawdown[t] = 1.0 - r.equity[t] / peak;
  }
}

BacktestResult empty_result(std::size_t bars) {
  BacktestResult r;
  r.bars = bars;
  r.returns.assign(bars, 0.0);
  r.turnover.assign(bars, 0.0);
  r.gross.assign(bars, 0.0);
  return r;
}

}  // namespace

PeriodRows period_rows(const BacktestResult& result) {
  PeriodRows rows;
  if (result.bars == 0) return rows;
  for (std::size_t t = 1; t < result.bars; ++t) {
    rows.returns.push_back(result.returns[t]);
    rows.turnover.push_back(result.turnover[t - 1]);
    rows.gross.push_back(result.gross[t - 1]);
  }
  rows.last_turnover = result.turnover[result.bars - 1];
  rows.last_gross = result.gross[result.bars - 1];
  return rows;
}

BacktestResult rebuild_backtest(const PeriodRows& rows, std::span<const std::size_t> indices) {
  BacktestResult r = empty_result(indices.size() + 1);
  for (std::size_t k = 0; k < indices.size(); ++k) {
    const std::size_t i = indices[k];
    if (i >= rows.periods()) throw std::out_of_range("rebuild_backtest: row index out of range");
    r.returns[k + 1] = rows.returns[i];
    r.turnover[k] = rows.turnover[i];
    r.gross[k] = rows.gross[i];
  }
  r.turnover[indices.size()] = rows.last_turnover;
  r.gross[indices.size()] = rows.last_gross;
  compound(r);
  return r;
}

BacktestResult restrict_to_bars(const BacktestResult& result, std::span<const std::size_t> positions) {
  for (std::size_t k = 0; k < positions.size(); ++k)
    if (positions[k] >= result.bars || (k > 0 && positions[k] <= positions[k - 1]))
      throw std::invalid_argument("restrict_to_bars: positions must be ascending bars of the backtest");
  BacktestResult r = empty_result(positions.size());
  for (std::size_t k = 0; k < positions.size(); ++k) {
    const std::size_t t = positions[k];
    const std::size_t end = k + 1 < positions.size() ? positions[k + 1] : t + 1;
    for (std::size_t u = t; u < end; ++u) r.turnover[k] += result.turnover[u];
    r.gross[k] = result.gross[t];
    if (k > 0) {
      // Compounded from the bar returns rather than as an equity ratio, which a book wiped
      // out to equity 0 would leave undefined; a single period keeps its return bit for bit
      // ((1 + r) - 1 need not be r).
      if (t == positions[k - 1] + 1) {
        r.returns[k] = result.returns[t];
      } else {
        double growth = 1.0;
        for (std::size_t u = positions[k - 1] + 1; u <= t; ++u) growth *= 1.0 + result.returns[u];
        r.returns[k] = growth - 1.0;
      }
    }
  }
  compound(r);
  return r;
}

}  // namespace mosaic::host::research
