// A test-only portfolio that makes the same bet on every asset: `bet` -1 (short), 0 (flat)
// or 1 (long), split evenly. For serve's re-optimization tests, where the prices decide in
// advance which bet wins the search, the holdout and the shadow period.
#include <mosaic/module.hpp>

class ToyBet final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("toy_bet", "1.0.0", mosaic::Role::Portfolio)
        .id("test.mosaic.toy_bet")
        .describe("every asset at bet / assets (tests only)")
        .input("close", mosaic::Layout::Panel, "closing prices")
        .output("weights.target", mosaic::Layout::Panel, "target weights")
        .param_int("bet", 0, -1, 1, "-1 short, 0 flat, 1 long");
  }
  explicit ToyBet(const mosaic::Params& p) : bet_(static_cast<double>(p.get_int("bet"))) {}

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const mosaic::PanelView close = in.panel("close");
    mosaic::PanelWriter& w = out.panel("weights.target", close.shape());
    for (size_t a = 0; a < close.assets(); ++a)
      for (auto& v : w.column(a)) v = bet_ / static_cast<double>(close.assets());
  }

 private:
  double bet_;
};

MOSAIC_EXPORT_MODULE(ToyBet)
