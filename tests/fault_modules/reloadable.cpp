// A module built in several versions for the hot-reload tests: each build emits a constant
// signal equal to RELOADABLE_LEVEL / 10, so a test can see which build served a bar, and
// RELOADABLE_BROKEN 1 builds fail their self-test; 2 pass it and then fail every process
// call, so only the golden run finds them out.
#include <mosaic/module.hpp>

#ifndef RELOADABLE_VERSION
#error "RELOADABLE_VERSION must be defined"
#endif

class Reloadable final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("reloadable", RELOADABLE_VERSION, mosaic::Role::Signal)
        .id("test.mosaic.reloadable")
        .describe("a constant signal that names its build (tests only)")
        .input("close", mosaic::Layout::Panel, "closing prices")
        .output("signal.reloadable", mosaic::Layout::Panel, "RELOADABLE_LEVEL / 10 everywhere");
  }
  explicit Reloadable(const mosaic::Params&) {}

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    if (RELOADABLE_BROKEN == 2) throw mosaic::Error(MOSAIC_ERR_FAILED, "this build fails every bar");
    const mosaic::PanelView close = in.panel("close");
    mosaic::PanelWriter& w = out.panel("signal.reloadable", close.shape());
    for (size_t a = 0; a < close.assets(); ++a)
      for (size_t t = 0; t < close.rows(); ++t) w.column(a)[t] = RELOADABLE_LEVEL / 10.0;
  }

  void self_test() override {
    if (RELOADABLE_BROKEN == 1) throw mosaic::Error(MOSAIC_ERR_SELF_TEST, "this build is broken on purpose");
  }
};

MOSAIC_EXPORT_MODULE(Reloadable)
