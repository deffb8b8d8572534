#include "host/backtest/metric_sums.hpp"

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mosaic::host {

double per_period_rate(const BacktestSettings& s) {
  return std::pow(1.0 + s.risk_free_rate, 1.0 / s.periods_per_year) - 1.0;
}

namespace {

// std::min(0.0, e), which is (e < 0 ? e : 0): exactly what MINSD computes (a NaN gives the
// second operand, 0). Compilers branch on it instead, and the sign of a period's return is
// a coin toss that the branch predictor keeps losing.
inline double negative_part(double e) {
#if defined(__SSE2__)
  return _mm_cvtsd_f64(_mm_min_sd(_mm_set_sd(e), _mm_setzero_pd()));
#else
  return std::min(0.0, e);
#endif
}

}  // namespace

// Several sums in one loop: each still adds its terms in bar order, while their dependency
// chains overlap instead of running one after another.
void deviation_sums(std::span<const double> returns, double rf, MetricSums& m) {
  const size_t n = m.bars;
  const double periods = static_cast<double>(n - 1);
  const double mean = m.sum / periods, mean_excess = m.sum_excess / periods;
  const double* ret = returns.data();
  double ss = 0, ss_excess = 0, downside = 0;
  for (size_t t = 1; t < n; ++t) {
    ss += (ret[t] - mean) * (ret[t] - mean);
    const double e = ret[t] - rf;
    ss_excess += (e - mean_excess) * (e - mean_excess);
    const double below = negative_part(e);
    downside += below * below;
  }
  m.ss = ss;
  m.ss_excess = ss_excess;
  m.downside = downside;
}

Metrics metrics_from_sums(const MetricSums& sums, const BacktestSettings& s) {
  Metrics m;
  m.periods = sums.bars > 0 ? sums.bars - 1 : 0;
  if (m.periods == 0) {
    const double nan = NAN;
    return Metrics{nan, nan, nan, nan, nan, 0, nan, nan, nan, nan, 0, nan};
  }
  const double P = s.periods_per_year;
  const double periods = static_cast<double>(m.periods);
  m.total_return = sums.final_equity - 1.0;
  m.cagr = sums.final_equity > 0 ? std::pow(sums.final_equity, P / periods) - 1.0 : -1.0;
  const double mean = sums.sum / periods, mean_excess = sums.sum_excess / periods;
  const double sd = m.periods > 1 ? std::sqrt(sums.ss / (periods - 1)) : NAN;
  const double sd_excess = m.periods > 1 ? std::sqrt(sums.ss_excess / (periods - 1)) : NAN;
  const double downside_dev = std::sqrt(sums.downside / periods);
  m.ann_volatility = sd * std::sqrt(P);
  m.sharpe = sd_excess > 0 ? mean_excess / sd_excess * std::sqrt(P) : NAN;
  m.sortino = downside_dev > 0 ? mean_excess / downside_dev * std::sqrt(P) : NAN;
  m.max_drawdown = sums.max_drawdown;
  m.calmar = m.max_drawdown > 0 ? m.cagr / m.max_drawdown : NAN;
  m.turnover = sums.traded / periods * P;
  m.exposure = sums.gross / periods;
  m.hit_rate = sums.active > 0 ? static_cast<double>(sums.wins) / static_cast<double>(sums.active) : NAN;
  m.sharpe_per_period = m.periods > 1 && sums.ss > 0 ? mean / sd : NAN;
  return m;
}

}  // namespace mosaic::host
