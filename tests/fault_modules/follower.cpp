// Depends on reloadable ^1.0 and turns its signal into equal-sized weights, so a
// reloadable 2.x build breaks a dependent's version range (tests only).
#include <mosaic/module.hpp>

class Follower final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("follower", "1.0.0", mosaic::Role::Portfolio)
        .id("test.mosaic.follower")
        .describe("weights = signal.reloadable / assets (tests only)")
        .input("signal.reloadable", mosaic::Layout::Panel, "the signal to follow")
        .output("weights.target", mosaic::Layout::Panel, "target weights")
        .depends("reloadable", "^1.0");
  }
  explicit Follower(const mosaic::Params&) {}

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const mosaic::PanelView signal = in.panel("signal.reloadable");
    mosaic::PanelWriter& w = out.panel("weights.target", signal.shape());
    const double n = static_cast<double>(signal.assets());
    for (size_t a = 0; a < signal.assets(); ++a)
      for (size_t t = 0; t < signal.rows(); ++t) w.column(a)[t] = signal.column(a)[t] / n;
  }
};

MOSAIC_EXPORT_MODULE(Follower)
