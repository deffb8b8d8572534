// The Backtester's fill at the open (docs/metrics.md, Timing): the weight held since the last
// open earns the move from the close before into this open, the trade happens at this open,
// and the new weight earns the move from this open to this close.
#include "host/backtest/asset_bar.hpp"
#include "host/backtest/evaluator.hpp"
#include "host/backtest/timing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::host {
using asset_bar::kDayEarns;
using asset_bar::kGapEarns;
using asset_bar::kPriced;

// An asset's prices taken in time order, open(0), close(0), open(1), close(1), ...: each move
// runs from the last price before it, so a missing open or close books its move at the next
// price, as a missing close does for a fill at the close.
void Backtester::mark_opens(std::span<const double> open, std::span<const double> close) {
  const size_t n = bars_;
  if (open.size() != n * assets_)
    throw std::invalid_argument(
        fmt::format("backtest: {} bars x {} assets need {} opens, got {}", n, assets_, n * assets_, open.size()));
  gap_.assign(n * assets_, 0.0);
  day_.assign(n * assets_, 0.0);
  open_flags_.assign(n * assets_, 0);
  for (size_t a = 0; a < assets_; ++a) {
    double last = NAN;  // the last price before the one at hand
    for (size_t t = 0; t < n; ++t) {
      const size_t i = a * n + t;
      if (const double o = open[i]; std::isfinite(o)) {
        if (std::isfinite(last)) {
          gap_[i] = o / last - 1.0;
          open_flags_[i] |= kGapEarns;
        }
        open_flags_[i] |= kPriced;
        last = o;
      }
      if (const double p = close[i]; std::isfinite(p)) {
        if (std::isfinite(last)) {
          day_[i] = p / last - 1.0;
          open_flags_[i] |= kDayEarns;
        }
        last = p;
      }
    }
  }
  has_open_ = true;
}

// Asset by asset into zeroed per-bar sums, so each bar's sums add the assets in asset order,
// as a bar-at-a-time loop would. Not the search's usual path, so one plain loop serves every
// asset; a zero weight adds nothing, so an infinite move (after a zero price) stays out.
void Backtester::book_open(std::span<const double> weights, double* overnight, double* intraday, double* turnover,
                           double* gross, double* held) const {
  const size_t n = bars_;
  std::fill(overnight, overnight + n, 0.0);
  std::fill(intraday, intraday + n, 0.0);
  std::fill(turnover, turnover + n, 0.0);
  std::fill(gross, gross + n, 0.0);
  for (size_t a = 0; a < assets_; ++a) {
    const double* gap = gap_.data() + a * n;
    const double* day = day_.data() + a * n;
    const uint8_t* flags = open_flags_.data() + a * n;
    const double* target = weights.data() + a * n;
    double before = 0.0;  // the weight held since the last open
    for (size_t t = 0; t < n; ++t) {
      if ((flags[t] & kGapEarns) && before != 0.0) overnight[t] += before * gap[t];
      const double now = asset_bar::held_after(flags[t], target[t], before);
      if ((flags[t] & kDayEarns) && now != 0.0) intraday[t] += now * day[t];
      if (held) held[a * n + t] = now;
      turnover[t] += std::fabs(now - before);
      gross[t] += std::fabs(now);
      before = now;
    }
  }
  if (n > 0) overnight[0] = intraday[0] = 0.0;  // r(0) = 0: nothing is earned before the first bar
}

void Backtester::run_open(std::span<const double> weights, const BacktestSettings& settings, BacktestResult& r) const {
  const size_t n = bars_;
  std::vector<double> overnight(n);
  book_open(weights, overnight.data(), r.returns.data(), r.turnover.data(), r.gross.data(), r.held.data());
  const double cost = cost_per_turnover(settings);
  double* returns = r.returns.data();
  double* equity = r.equity.data();
  double* drawdown = r.drawdown.data();
  double e = 1.0, peak = 1.0;
  equity[0] = e;
  drawdown[0] = 0.0;
  for (size_t t = 1; t < n; ++t) {
    returns[t] = open_fill_return(overnight[t], returns[t], cost, r.turnover[t]);
    e = e * (1.0 + returns[t]);
    peak = std::max(peak, e);
    equity[t] = e;
    drawdown[t] = 1.0 - e / peak;
  }
}

}  // namespace mosaic::host
