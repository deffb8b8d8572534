// breakout: a Donchian channel breakout system (the "turtle" rules), as a Mosaic module.
//
// Per asset and bar, against the closes of the bars before it:
//   flat  -> long  when the close exceeds the highest close of the last `entry` bars,
//   flat  -> short when it falls below the lowest close of the last `entry` bars
//            (if allow_short),
//   long  -> flat  when the close falls below the lowest close of the last `exit` bars,
//   short -> flat  when it exceeds the highest close of the last `exit` bars.
// An exit and a new entry can happen on the same bar. The signal is the position: +1, 0 or
// -1; NaN while the channels warm up and on bars whose close is missing.
//
// Built out of tree, against the installed SDK only: see README.md.
#include <mosaic/module.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace example {

struct BreakoutRules {
  size_t entry = 20;
  size_t exit = 10;
  bool allow_short = true;
};

// high[i] and low[i]: the highest and lowest finite value among the n bars before bar i,
// x[i-n .. i-1]; NaN when there is none. Monotonic queues keep it O(bars) for any n.
inline void prior_channel(std::span<const double> x, size_t n, std::span<double> high, std::span<double> low) {
  // Indices into x, values decreasing (maxq) / increasing (minq); each queue is
  // q[head..], so popping the front is ++head.
  std::vector<size_t> maxq, minq;
  maxq.reserve(x.size());
  minq.reserve(x.size());
  size_t max_head = 0, min_head = 0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (size_t i = 0; i < x.size(); ++i) {
    while (max_head < maxq.size() && maxq[max_head] + n < i) ++max_head;
    while (min_head < minq.size() && minq[min_head] + n < i) ++min_head;
    high[i] = max_head < maxq.size() ? x[maxq[max_head]] : nan;
    low[i] = min_head < minq.size() ? x[minq[min_head]] : nan;
    if (!std::isfinite(x[i])) continue;  // a missing bar is skipped by the channels
    while (maxq.size() > max_head && x[maxq.back()] <= x[i]) maxq.pop_back();
    while (minq.size() > min_head && x[minq.back()] >= x[i]) minq.pop_back();
    maxq.push_back(i);
    minq.push_back(i);
  }
}

// The position series of one asset. Comparisons with a NaN channel are false, so an
// all-missing window neither enters nor exits.
inline void breakout(std::span<const double> close, const BreakoutRules& r, std::span<double> position) {
  const size_t n = close.size();
  std::vector<double> entry_high(n), entry_low(n), exit_high(n), exit_low(n);
  prior_channel(close, r.entry, entry_high, entry_low);
  prior_channel(close, r.exit, exit_high, exit_low);
  const size_t warmup = std::max(r.entry, r.exit);
  int state = 0;
  for (size_t i = 0; i < n; ++i) {
    const double c = close[i];
    if (i < warmup || !std::isfinite(c)) {
      position[i] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    if ((state > 0 && c < exit_low[i]) || (state < 0 && c > exit_high[i])) state = 0;
    if (state == 0) {
      if (c > entry_high[i]) state = 1;
      else if (r.allow_short && c < entry_low[i]) state = -1;
    }
    position[i] = state;
  }
}

class Breakout final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("breakout", "1.0.0", mosaic::Role::Signal)
        .id("com.example.breakout")
        .describe("Donchian channel breakout: long above the entry channel, short below it, flat on the exit channel")
        .input("close", mosaic::Layout::Panel, "closing prices")
        .output("signal.breakout", mosaic::Layout::Panel, "position: +1 long, 0 flat, -1 short")
        .param_int("entry", 20, 2, 250, "bars of the entry channel")
        .param_int("exit", 10, 2, 250, "bars of the exit channel")
        .param_bool("allow_short", true, "take short positions on downside breakouts")
        .sla_latency_ms(5.0)
        .sla_min_confidence(0.5);
  }

  explicit Breakout(const mosaic::Params& p) {
    rules_.entry = static_cast<size_t>(p.get_int("entry"));
    rules_.exit = static_cast<size_t>(p.get_int("exit"));
    rules_.allow_short = p.get_bool("allow_short");
  }

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const mosaic::PanelView close = in.panel("close");
    mosaic::PanelWriter& signal = out.panel("signal.breakout", close.shape());
    for (size_t a = 0; a < close.assets(); ++a) breakout(close.column(a), rules_, signal.column(a));
  }

  // Hand-worked: entry 3, exit 2 on 10 11 12 11 13 12 10 9 11.
  //   bar 3: channel [10, 12], close 11: flat.      bar 4: 13 > 12 (11 12 11): long.
  //   bar 5: exit low of 11 13 is 11, close 12: hold. bar 6: 10 < 12 (13 12): exit; and
  //   10 < 11 (11 13 12): short.  bar 7: exit high of 12 10 is 12, close 9: hold.
  //   bar 8: 11 > 10 (10 9): exit; 11 inside [9, 12]: flat.
  void self_test() override {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> close = {10, 11, 12, 11, 13, 12, 10, 9, 11};
    std::vector<double> pos(close.size());
    const auto expect = [&](const std::vector<double>& want, const char* what) {
      for (size_t i = 0; i < want.size(); ++i)
        mosaic::expect_near(pos[i], want[i], 0.0, std::string(what) + "[" + std::to_string(i) + "]");
    };
    breakout(close, {3, 2, true}, pos);
    expect({nan, nan, nan, 0, 1, 1, -1, -1, 0}, "long/short");
    breakout(close, {3, 2, false}, pos);
    expect({nan, nan, nan, 0, 1, 1, 0, 0, 0}, "long only");

    // A missing close is NaN and keeps the position; the channels skip it.
    const std::vector<double> gappy = {10, 11, 12, 13, nan, 14, 11};
    pos.assign(gappy.size(), 0.0);
    breakout(gappy, {2, 2, true}, pos);
    expect({nan, nan, 1, 1, nan, 1, -1}, "gaps");
  }

 private:
  BreakoutRules rules_;
};

}  // namespace example

MOSAIC_EXPORT_MODULE(example::Breakout)
