#include "signal_book.hpp"

#include "portfolio_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mosaic::portfolio {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

// run and allocate are built for AVX2 too and picked at load time on a CPU that has it:
// their per-bar loops then take four bars an instruction, with the same arithmetic (no FMA).
__attribute__((target_clones("avx512f", "avx2", "default"))) SignalBook::Result SignalBook::run(
    const Config& config, const MarketData& in, std::span<const std::span<double>> weights) {
  const size_t p = in.close.size();
  const size_t n = p == 0 ? 0 : in.close[0].size();
  const auto interval = static_cast<size_t>(config.rebalance);
  const size_t R = n == 0 ? 0 : (n - 1) / interval + 1;  // bars 0, interval, 2 interval, ...
  rebalances_ = R;
  Result result;
  result.rebalances = R;
  if (R == 0) return result;

  bool has_signals = false;
  for (const auto& s : in.signals) has_signals = has_signals || s.weight > 0.0;
  const bool equal_weight = config.method == Method::EqualWeightPositive;

  // Each asset's column of the book: with a rebalance on every bar, the output column
  // itself; otherwise one value per rebalance, spread over the bars at the end.
  const bool in_place = interval == 1;
  if (!in_place) book_.resize(p * R);
  columns_.resize(p);
  for (size_t a = 0; a < p; ++a) columns_[a] = in_place ? weights[a].data() : book_.data() + a * R;

  size_t eligible = 0;
  for (size_t a = 0; a < p; ++a) {
    const std::span<double> col(columns_[a], R);
    // Every bar is a rebalance bar in the common case: a unit stride the loops vectorise.
    auto every_bar = [](const double* x, size_t k) { return x[k]; };
    auto strided = [interval](const double* x, size_t k) { return x[k * interval]; };
    if (interval == 1) masked_scores(in, a, has_signals, equal_weight, col, every_bar);
    else masked_scores(in, a, has_signals, equal_weight, col, strided);
    eligible += std::isfinite(col[R - 1]) ? 1 : 0;
  }
  result.eligible_share = static_cast<double>(eligible) / static_cast<double>(p);

  allocate(config, has_signals, p);

  const bool scaled = !in.p_high_vol.empty();
  if (scaled) {
    scale_.resize(n);
    for (size_t t = 0; t < n; ++t) {
      const double ph = in.p_high_vol[t];
      scale_[t] = std::isfinite(ph) ? 1.0 - config.regime_k * std::clamp(ph, 0.0, 1.0) : 1.0;
    }
  }
  // Held from each rebalance to the next, times the regime scale of every bar (a scale of
  // 1 changes nothing, so it is skipped without the regime).
  for (size_t a = 0; a < p; ++a) {
    const double* held = columns_[a];
    double* out = weights[a].data();
    if (in_place) {
      if (scaled)
        for (size_t t = 0; t < n; ++t) out[t] *= scale_[t];
      continue;
    }
    for (size_t k = 0; k < R; ++k) {
      const size_t end = std::min(n, (k + 1) * interval);
      for (size_t t = k * interval; t < end; ++t) out[t] = scaled ? held[k] * scale_[t] : held[k];
    }
  }
  return result;
}

// One asset's masked score at every rebalance bar: NaN without a close (bar_by_bar's rule),
// else blend_at over the sources in the same order, or without any signal 1 (equal weight)
// or NaN. `at(x, k)` reads column x at rebalance k. Adding +0.0 for a missing value instead
// of skipping it leaves the sums' bits alone (they start at +0.0 and so are never -0.0) and
// lets the loops vectorise; the first source stores 0.0 + its term, which is what adding it
// to a zeroed sum gives; the last one's loop also divides and masks, so that a single
// source takes one pass.
template <class At>
void SignalBook::masked_scores(const MarketData& in, size_t asset, bool has_signals, bool equal_weight,
                               std::span<double> out, At at) {
  const size_t R = out.size();
  const double* close = in.close[asset].data();
  double* o = out.data();
  if (!has_signals) {
    const double score = equal_weight ? 1.0 : kNaN;
    for (size_t k = 0; k < R; ++k) o[k] = std::isfinite(at(close, k)) ? score : kNaN;
    return;
  }
  size_t weighted = 0;
  for (const auto& s : in.signals) weighted += s.weight > 0.0 ? 1 : 0;
  if (weighted > 1) {
    num_.resize(R);
    den_.resize(R);
  }
  double* num = num_.data();
  double* den = den_.data();
  // One source of weight 1 (a lone signal, the common case): the sums are 0.0 + v and
  // 0.0 + 1, and (0.0 + v) / 1 is 0.0 + v to the bit, so the division per bar is left out.
  if (weighted == 1) {
    for (const auto& s : in.signals) {
      if (!(s.weight > 0.0)) continue;
      if (s.weight != 1.0) break;
      const double* x = s.columns[asset].data();
      for (size_t k = 0; k < R; ++k) {
        const double v = at(x, k);
        o[k] = std::isfinite(at(close, k)) && std::isfinite(v) ? 0.0 + v : kNaN;
      }
      return;
    }
  }
  size_t seen = 0;
  for (const auto& s : in.signals) {
    if (!(s.weight > 0.0)) continue;
    const double w = s.weight;
    const double* x = s.columns[asset].data();
    const bool first = seen == 0, last = ++seen == weighted;
    for (size_t k = 0; k < R; ++k) {
      const double v = at(x, k);
      const double product = w * v;
      const bool finite = std::isfinite(v);
      const double nk = (first ? 0.0 : num[k]) + (finite ? product : 0.0);
      const double dk = (first ? 0.0 : den[k]) + (finite ? w : 0.0);
      if (last) {
        const double q = nk / dk;
        o[k] = std::isfinite(at(close, k)) && dk > 0.0 ? q : kNaN;
      } else {
        num[k] = nk;
        den[k] = dk;
      }
    }
  }
}

// allocation.cpp's rules with the cross-sectional sums and counts kept per rebalance, each
// summed over the assets in the same order, so every weight matches bit for bit. The sums
// take +0.0 (or a count 0) for an asset a rule skips, as in masked_scores. Counts are doubles
// (exact far beyond any universe) so the loops vectorise.
__attribute__((target_clones("avx512f", "avx2", "default"))) void SignalBook::allocate(const Config& config, bool has_signals,
                                                                              size_t p) {
  const size_t R = rebalances_;
  auto column = [&](size_t a) { return columns_[a]; };
  // acc[k] = sum over the assets, in order, of term(score, k).
  auto sum_over_assets = [&](std::vector<double>& into, auto term) {
    into.resize(R);
    double* acc = into.data();
    for (size_t a = 0; a < p; ++a) {
      const double* s = column(a);
      if (a == 0)
        for (size_t k = 0; k < R; ++k) acc[k] = 0.0 + term(s[k], k);
      else
        for (size_t k = 0; k < R; ++k) acc[k] += term(s[k], k);
    }
    return acc;
  };
  if (config.method == Method::SignalProportional && config.long_only && p == 1) {
    // One asset: the sum is 0.0 + s, s itself where s > 0, and s / s is 1 for a finite s
    // (NaN for an infinite one), so the division per bar is left out.
    double* s = column(0);
    for (size_t k = 0; k < R; ++k) s[k] = s[k] > 0.0 ? (s[k] < kInf ? 1.0 : kNaN) : 0.0;
  } else if (config.method == Method::SignalProportional && config.long_only) {
    const double* sum = sum_over_assets(sum_, [](double s, size_t) { return s > 0.0 ? s : 0.0; });
    for (size_t a = 0; a < p; ++a) {
      double* s = column(a);
      for (size_t k = 0; k < R; ++k) {
        const double w = s[k] / sum[k];
        s[k] = (sum[k] > 0.0 && s[k] > 0.0) ? w : 0.0;
      }
    }
  } else if (config.method == Method::SignalProportional) {
    double* mean = sum_over_assets(sum_, [](double s, size_t) { return std::isfinite(s) ? s : 0.0; });
    const double* count = sum_over_assets(count_, [](double s, size_t) { return std::isfinite(s) ? 1.0 : 0.0; });
    for (size_t k = 0; k < R; ++k) mean[k] /= count[k];  // unread when the count is 0
    const double* gross = sum_over_assets(gross_, [&](double s, size_t k) {
      const double d = std::fabs(s - mean[k]);
      return std::isfinite(s) ? d : 0.0;
    });
    for (size_t a = 0; a < p; ++a) {
      double* s = column(a);
      for (size_t k = 0; k < R; ++k) {
        const double w = (s[k] - mean[k]) / gross[k];
        s[k] = (std::isfinite(s[k]) && gross[k] > 0.0) ? w : 0.0;
      }
    }
  } else {
    const bool long_only = config.long_only || !has_signals;
    const double* pos = sum_over_assets(count_, [](double s, size_t) { return s > 0.0 ? 1.0 : 0.0; });
    const double* neg = sum_over_assets(neg_, [](double s, size_t) { return s < 0.0 ? 1.0 : 0.0; });
    for (size_t a = 0; a < p; ++a) {
      double* s = column(a);
      for (size_t k = 0; k < R; ++k) {
        const double up = (long_only ? 1.0 : 0.5) / pos[k], down = -0.5 / neg[k];
        if (long_only) s[k] = (pos[k] > 0.0 && s[k] > 0.0) ? up : 0.0;
        else if (pos[k] == 0.0 || neg[k] == 0.0) s[k] = 0.0;
        else s[k] = s[k] > 0.0 ? up : (s[k] < 0.0 ? down : 0.0);
      }
    }
  }
}

}  // namespace mosaic::portfolio
