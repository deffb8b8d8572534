// Does nothing, so that timing a pipeline of these measures the host's own overhead.
#include <mosaic/module.hpp>

class NullModule final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("null", "1.0.0", mosaic::Role::Signal).input("close", mosaic::Layout::Panel);
  }
  explicit NullModule(const mosaic::Params&) {}
  void process(const mosaic::Inputs&, mosaic::Outputs&) override {}
};

MOSAIC_EXPORT_MODULE(NullModule)
