// Backtester::measure_lanes: measure() for several runs at once, one run per vector lane.
// Every lane performs exactly measure()'s operations in measure()'s order (the same IEEE
// additions, products, divisions and comparisons; no FMA), so its figures are bit for bit
// those of the run measured alone. What changes is only that the chains of four runs share
// each instruction.
#include "host/backtest/evaluator.hpp"
#include "host/backtest/metric_sums.hpp"
#include "host/backtest/timing.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

// GCC 12 takes the vectors below, all initialised, for maybe uninitialised once the lane
// loads are inlined into the AVX2 clones.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace mosaic::host {
namespace {

constexpr size_t L = Backtester::kLanes;
using Vec = double __attribute__((vector_size(L * sizeof(double))));
using Mask = int64_t __attribute__((vector_size(L * sizeof(double))));

struct LaneInputs {
  const double* earned[L];
  const double* turnover[L];
  const double* gross[L];
};

// By reference: a 32-byte vector passed by value would change the calling convention
// between the AVX2 and the default builds.
static_assert(L == 4, "load_lanes names four lanes");
[[gnu::always_inline]] inline void load_lanes(Vec& v, const double* const column[L], size_t t) {
  v = Vec{column[0][t], column[1][t], column[2][t], column[3][t]};
}

// measure()'s FirstPass, lane by lane (measure.cpp has the reasoning for the drawdown), fed
// each bar's earned return, turnover and gross exposure by `bar(t, earned, turnover, gross)`.
struct FirstPass {
  Vec one = Vec{} + 1.0;
  Vec e = one, peak = one, low = one, max_drawdown = one - one / one;
  Vec sum = Vec{}, sum_excess = Vec{}, gross = Vec{}, traded = Vec{};
  Mask active = Mask{}, wins = Mask{};
};

[[gnu::always_inline]] inline bool any_lane(const Mask& m) {
  Mask folded = m;
  for (size_t k = 1; k < L; ++k) folded[0] |= m[k];
  return folded[0] != 0;
}

// Inlined into each clone, so that it is built for the clone's instruction set.
// Without a risk-free rate r - rf is r, bit for bit (a NaN stays NaN, -0.0 stays -0.0), so
// the excess sum is the sum: one chain fewer to keep in registers.
template <bool kRiskFree, class Bar>
[[gnu::always_inline]] inline void first_pass_with(Bar&& bar, size_t n, double cost, double rf, double* returns,
                                                   MetricSums sums[L]) {
  FirstPass p;
  Vec earned = Vec{}, turnover_before = Vec{}, gross_before = Vec{}, turnover_now = Vec{}, gross_now = Vec{};
  bar(0, earned, turnover_before, gross_before);
  p.traded = Vec{} + turnover_before;
  for (size_t t = 1; t < n; ++t) {
    bar(t, earned, turnover_now, gross_now);
    const Vec r = earned - cost * turnover_before;
    p.e = p.e * (1.0 + r);
    p.sum += r;
    if constexpr (kRiskFree) p.sum_excess += r - rf;
    p.traded += turnover_now;
    p.gross += gross_before;
    const Mask in_position = gross_before > 0.0;
    p.active -= in_position;  // a true comparison is -1
    p.wins -= in_position & (r > 0.0);
    // The low first: at a new peak the equity is above the old peak, so above the low, and
    // the low stays the stretch's. On other bars (all but a few in a hundred of the SMA
    // sweep's, in every lane) nothing else changes, so the chains from bar to bar are only
    // the equity's product and the low's minimum; the closing of a stretch, with its
    // division, waits behind a branch that is predicted well. A lane without a new peak
    // keeps its maximum, as measure() does by not dividing.
    p.low = p.e < p.low ? p.e : p.low;
    const Mask new_peak = p.peak < p.e;
    if (any_lane(new_peak)) {
      const Vec drawdown = 1.0 - p.low / p.peak;
      p.max_drawdown = (new_peak & (p.max_drawdown < drawdown)) ? drawdown : p.max_drawdown;
      p.peak = new_peak ? p.e : p.peak;
      p.low = new_peak ? p.e : p.low;
    }
    for (size_t k = 0; k < L; ++k) returns[t * L + k] = r[k];
    turnover_before = turnover_now;
    gross_before = gross_now;
  }
  const Vec drawdown = 1.0 - p.low / p.peak;
  p.max_drawdown = p.max_drawdown < drawdown ? drawdown : p.max_drawdown;
  for (size_t k = 0; k < L; ++k) {
    MetricSums& s = sums[k];
    s.bars = n;
    s.final_equity = p.e[k];
    s.sum = p.sum[k];
    s.sum_excess = kRiskFree ? p.sum_excess[k] : p.sum[k];
    s.traded = p.traded[k];
    s.gross = p.gross[k];
    s.max_drawdown = p.max_drawdown[k];
    s.active = static_cast<size_t>(p.active[k]);
    s.wins = static_cast<size_t>(p.wins[k]);
  }
}

template <class Bar>
[[gnu::always_inline]] inline void first_pass(Bar&& bar, size_t n, double cost, double rf, double* returns,
                                              MetricSums sums[L]) {
  if (rf != 0.0) first_pass_with<true>(bar, n, cost, rf, returns, sums);
  else first_pass_with<false>(bar, n, cost, rf, returns, sums);
}

// From the runs' booked series (Backtester::book, one run per lane). The hot loops are
// built for AVX2 too and picked at load time on a CPU that has it.
__attribute__((target_clones("avx2", "default"))) void booked_pass(const LaneInputs& in, size_t n, double cost,
                                                                    double rf, double* returns, MetricSums sums[L]) {
  auto bar = [&in](size_t t, Vec& earned, Vec& turnover, Vec& gross) __attribute__((always_inline)) {
    load_lanes(earned, in.earned, t);
    load_lanes(turnover, in.turnover, t);
    load_lanes(gross, in.gross, t);
  };
  first_pass(bar, n, cost, rf, returns, sums);
}

// fabs, lane by lane: the sign bit cleared (a cast between vector types of one size keeps the bits).
[[gnu::always_inline]] inline void magnitude(Vec& v) { v = (Vec)((Mask)v & (Mask{} + 0x7fffffffffffffffLL)); }

// Every asset priced on every bar and every run deciding on every bar: book's independent-bar
// rule computed in the pass itself, asset by asset in asset order, so no series is stored
// and read back. weights[a * L + k] is run k's column of asset a; move[a * n + t] the asset's move.
__attribute__((target_clones("avx2", "default"))) void deciding_pass(const double* const* weights,
                                                                      const double* move, size_t n, size_t assets,
                                                                      double cost, double rf, double* returns,
                                                                      MetricSums sums[L]) {
  // Each asset's weights held since t-1, carried over from the last bar instead of loaded
  // again lane by lane. Plain doubles, copied in and out: a std::vector of the vector type
  // would drop its 32-byte alignment (attributes do not survive a template argument).
  std::vector<double> held_before(assets * L, 0.0);
  auto bar = [&](size_t t, Vec& earned, Vec& turnover, Vec& gross) __attribute__((always_inline)) {
    earned = Vec{};
    turnover = Vec{};
    gross = Vec{};
    Vec now = Vec{}, before = Vec{};
    for (size_t a = 0; a < assets; ++a) {
      load_lanes(now, weights + a * L, t);
      std::memcpy(&before, held_before.data() + a * L, sizeof before);
      Vec change = now - before, held = now;
      magnitude(change);
      magnitude(held);
      const Vec gain = before * move[a * n + t];
      earned += before != 0.0 ? gain : Vec{};  // before is 0 at t = 0
      turnover += change;
      gross += held;
      std::memcpy(held_before.data() + a * L, &now, sizeof now);
    }
  };
  first_pass(bar, n, cost, rf, returns, sums);
}

// The same for one asset, the weight held since t-1 carried over from the last bar instead
// of loaded again.
__attribute__((target_clones("avx2", "default"))) void one_asset_pass(const double* const* weights,
                                                                       const double* move, size_t n, double cost,
                                                                       double rf, double* returns,
                                                                       MetricSums sums[L]) {
  const double *w0 = weights[0], *w1 = weights[1], *w2 = weights[2], *w3 = weights[3];
  Vec before = Vec{};
  auto bar = [&](size_t t, Vec& earned, Vec& turnover, Vec& gross) __attribute__((always_inline)) {
    const Vec now = Vec{w0[t], w1[t], w2[t], w3[t]};
    Vec change = now - before, held = now;
    magnitude(change);
    magnitude(held);
    const Vec gain = before * move[t];
    earned = Vec{} + (before != 0.0 ? gain : Vec{});  // before is 0 at t = 0
    turnover = Vec{} + change;
    gross = Vec{} + held;
    before = now;
  };
  first_pass(bar, n, cost, rf, returns, sums);
}

// deviation_sums, lane by lane (metric_sums.cpp): a NaN or a -0.0 excess return has no
// negative part there (MINSD), nor here (a false comparison).
__attribute__((target_clones("avx2", "default"))) void deviation_lanes(const double* returns, size_t n, double rf,
                                                                        MetricSums sums[L]) {
  const double periods = static_cast<double>(n - 1);
  Vec mean = Vec{}, mean_excess = Vec{};
  for (size_t k = 0; k < L; ++k) {
    mean[k] = sums[k].sum / periods;
    mean_excess[k] = sums[k].sum_excess / periods;
  }
  Vec ss = Vec{}, ss_excess = Vec{}, downside = Vec{};
  for (size_t t = 1; t < n; ++t) {
    Vec r = Vec{};
    for (size_t k = 0; k < L; ++k) r[k] = returns[t * L + k];
    ss += (r - mean) * (r - mean);
    const Vec e = r - rf;
    ss_excess += (e - mean_excess) * (e - mean_excess);
    const Vec below = e < 0.0 ? e : Vec{};
    downside += below * below;
  }
  for (size_t k = 0; k < L; ++k) {
    sums[k].ss = ss[k];
    sums[k].ss_excess = ss_excess[k];
    sums[k].downside = downside[k];
  }
}

}  // namespace

void Backtester::measure_lanes(std::span<const std::span<const double>> decided, const BacktestSettings& settings,
                               LaneSeries& lanes, Metrics* metrics) const {
  if (settings.fill != Fill::Close) throw std::invalid_argument("backtest: measure_lanes fills at the close only");
  if (decided.empty() || decided.size() > L)
    throw std::invalid_argument("backtest: measure_lanes takes 1 to 4 runs");
  const size_t n = bars_, runs = decided.size();
  lanes.returns.resize(n * L);
  if (n < 2) {
    Series one;
    for (size_t k = 0; k < runs; ++k) {
      metrics[k] = measure(decided[k], settings, one);
      for (size_t t = 0; t < n; ++t) lanes.returns[t * L + k] = one.returns[t];
    }
    return;
  }
  MetricSums sums[L];
  const double rf = per_period_rate(settings), cost = cost_per_turnover(settings);
  // The weights each lane holds (moved to their fill bars for a delay). A lane without a
  // run repeats the first one, whose figures are then dropped.
  std::span<const double> held[L];
  for (size_t k = 0; k < L; ++k)
    held[k] = k < runs ? weights_held_from(decided[k], settings, lanes.delayed[k]) : held[0];
  bool deciding = assets_ > 0;
  for (size_t a = 0; deciding && a < assets_; ++a)
    for (size_t k = 0; deciding && k < runs; ++k) deciding = decides_every_bar(held[k], a);
  if (deciding) {
    std::vector<const double*> columns(assets_ * L);
    for (size_t k = 0; k < L; ++k)
      for (size_t a = 0; a < assets_; ++a) columns[a * L + k] = held[k].data() + a * n;
    if (assets_ == 1) one_asset_pass(columns.data(), move_.data(), n, cost, rf, lanes.returns.data(), sums);
    else deciding_pass(columns.data(), move_.data(), n, assets_, cost, rf, lanes.returns.data(), sums);
  } else {
    LaneInputs in{};
    for (size_t k = 0; k < L; ++k) {
      if (k >= runs) {
        in.earned[k] = in.earned[0];
        in.turnover[k] = in.turnover[0];
        in.gross[k] = in.gross[0];
        continue;
      }
      for (auto* v : {&lanes.earned[k], &lanes.turnover[k], &lanes.gross[k]}) v->resize(n);
      book(held[k], lanes.earned[k].data(), lanes.turnover[k].data(), lanes.gross[k].data(), nullptr);
      in.earned[k] = lanes.earned[k].data();
      in.turnover[k] = lanes.turnover[k].data();
      in.gross[k] = lanes.gross[k].data();
    }
    booked_pass(in, n, cost, rf, lanes.returns.data(), sums);
  }
  for (size_t k = 0; k < L; ++k) lanes.returns[k] = 0.0;  // as measure() leaves bar 0 (book's earned[0])
  deviation_lanes(lanes.returns.data(), n, rf, sums);
  for (size_t k = 0; k < runs; ++k) metrics[k] = metrics_from_sums(sums[k], settings);
}

}  // namespace mosaic::host
