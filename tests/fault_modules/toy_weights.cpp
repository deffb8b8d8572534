// A test-only portfolio: equal weights over the assets whose close is above its close
// `lookback` bars earlier, decided from data up to each bar only. It lets the backtest and
// the look-ahead checks run end to end independently of the real portfolio module.
#include <mosaic/module.hpp>

#include <cmath>

class ToyWeights final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("toy_weights", "1.0.0", mosaic::Role::Portfolio)
        .id("test.mosaic.toy_weights")
        .describe("equal weights over assets with positive momentum (tests only)")
        .input("close", mosaic::Layout::Panel, "closing prices")
        .output("weights.target", mosaic::Layout::Panel, "target weights")
        .param_int("lookback", 20, 1, 500, "momentum lookback in bars");
  }
  explicit ToyWeights(const mosaic::Params& p) : lookback_(static_cast<size_t>(p.get_int("lookback"))) {}

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const mosaic::PanelView close = in.panel("close");
    mosaic::PanelWriter& w = out.panel("weights.target", close.shape());
    for (size_t t = 0; t < close.rows(); ++t) {
      size_t winners = 0;
      for (size_t a = 0; a < close.assets(); ++a) winners += rising(close, a, t) ? 1 : 0;
      for (size_t a = 0; a < close.assets(); ++a)
        w.column(a)[t] = winners > 0 && rising(close, a, t) ? 1.0 / static_cast<double>(winners) : 0.0;
    }
  }

 private:
  bool rising(const mosaic::PanelView& close, size_t a, size_t t) const {
    if (t < lookback_) return false;
    const double now = close.column(a)[t], then = close.column(a)[t - lookback_];
    return std::isfinite(now) && std::isfinite(then) && now > then;
  }
  size_t lookback_;
};

MOSAIC_EXPORT_MODULE(ToyWeights)
