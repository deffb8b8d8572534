// A test-only portfolio with a known optimum: it holds every asset at a weight that peaks
// at x = 37, y = 61 (a Gaussian bump over the parameter plane). On prices that only rise,
// total return grows with the weight, so the best configuration is known in advance.
#include <mosaic/module.hpp>

#include <cmath>

class ToyLandscape final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("toy_landscape", "1.0.0", mosaic::Role::Portfolio)
        .id("test.mosaic.toy_landscape")
        .describe("constant weights peaking at x = 37, y = 61 (tests only)")
        .input("close", mosaic::Layout::Panel, "closing prices")
        .output("weights.target", mosaic::Layout::Panel, "target weights")
        .param_int("x", 0, 0, 100, "first coordinate")
        .param_int("y", 0, 0, 100, "second coordinate");
  }
  explicit ToyLandscape(const mosaic::Params& p)
      : weight_(std::exp(-(std::pow(static_cast<double>(p.get_int("x")) - 37.0, 2) +
                           std::pow(static_cast<double>(p.get_int("y")) - 61.0, 2)) /
                         800.0)) {}

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const mosaic::PanelView close = in.panel("close");
    mosaic::PanelWriter& w = out.panel("weights.target", close.shape());
    for (size_t a = 0; a < close.assets(); ++a)
      for (auto& v : w.column(a)) v = weight_ / static_cast<double>(close.assets());
  }

 private:
  double weight_;
};

MOSAIC_EXPORT_MODULE(ToyLandscape)
