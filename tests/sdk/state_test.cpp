// mosaic.ext.state/1 through the SDK: a module that opts in is offered the extension, its
// state survives save -> load into a fresh instance, and bad bytes are refused.
#include "test_host.hpp"

#include <mosaic/ext_state.h>
#include <mosaic/module.hpp>
#include <mosaic/state.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using sdktest::TestHost;

namespace {

// Remembers a running mean: the kind of thing a reload should not throw away.
class Learner final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("learner", "2.0.0", mosaic::Role::Regime).output("regime.x", mosaic::Layout::Panel);
  }
  explicit Learner(const mosaic::Params&) {}
  void process(const mosaic::Inputs&, mosaic::Outputs&) override {}
  bool saves_state() const override { return true; }
  std::vector<uint8_t> save_state() override {
    return mosaic::StateWriter().put<uint32_t>(kFormat).put(count).put_vector(means).take();
  }
  void load_state(std::span<const uint8_t> bytes) override {
    mosaic::StateReader r(bytes);
    if (r.get<uint32_t>() != kFormat) throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "unknown state format");
    const auto c = r.get<int64_t>();
    auto m = r.get_vector<double>();
    if (!r.done()) throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "trailing bytes in state");
    count = c;  // only now: a refused load leaves the instance unchanged
    means = std::move(m);
  }
  static constexpr uint32_t kFormat = 0x4c524e31;  // "LRN1"
  int64_t count = 0;
  std::vector<double> means;
};

class Stateless final : public mosaic::Module {
 public:
  static mosaic::Contract contract() { return mosaic::Contract("stateless", "1.0.0", mosaic::Role::Signal); }
  explicit Stateless(const mosaic::Params&) {}
  void process(const mosaic::Inputs&, mosaic::Outputs&) override {}
};

template <class T>
mosaic_instance* make(const mosaic_host* host) {
  mosaic_instance* inst = nullptr;
  mosaic_error err{};
  REQUIRE(mosaic::detail::Glue<T>::create(host, nullptr, 0, &inst, &err) == MOSAIC_OK);
  return inst;
}

Learner& learner_of(mosaic_instance* inst) {
  return static_cast<Learner&>(*mosaic::detail::box(inst)->module);
}

}  // namespace

TEST_CASE("state: saved by one instance, loaded by a fresh one") {
  TestHost host;
  mosaic_instance* old_inst = make<Learner>(host);
  learner_of(old_inst).count = 42;
  learner_of(old_inst).means = {0.5, -1.25, 3.0};

  const auto* ext = static_cast<const mosaic_ext_state*>(old_inst->get_extension(old_inst, MOSAIC_EXT_STATE_ID));
  REQUIRE(ext != nullptr);
  CHECK(ext->struct_size == sizeof(mosaic_ext_state));
  void* data = nullptr;
  size_t size = 0;
  mosaic_error err{};
  REQUIRE(ext->save(old_inst, &data, &size, &err) == MOSAIC_OK);
  CHECK(size == 4 + 8 + 8 + 3 * 8);
  old_inst->destroy(old_inst);

  mosaic_instance* new_inst = make<Learner>(host);
  const auto* ext2 = static_cast<const mosaic_ext_state*>(new_inst->get_extension(new_inst, MOSAIC_EXT_STATE_ID));
  REQUIRE(ext2->load(new_inst, data, size, &err) == MOSAIC_OK);
  CHECK(learner_of(new_inst).count == 42);
  CHECK(learner_of(new_inst).means == std::vector<double>{0.5, -1.25, 3.0});

  // Truncated bytes are refused with the reason, and the instance keeps what it had.
  CHECK(ext2->load(new_inst, data, size - 3, &err) == MOSAIC_ERR_INVALID_ARGUMENT);
  CHECK(std::string(err.message).find("truncated") != std::string::npos);
  CHECK(learner_of(new_inst).count == 42);
  const uint8_t junk[4] = {1, 2, 3, 4};
  CHECK(ext2->load(new_inst, junk, sizeof junk, &err) == MOSAIC_ERR_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "unknown state format");

  host.get()->free(host.get(), data);  // the saved block belongs to the caller
  new_inst->destroy(new_inst);
  CHECK(host.clean());
}

TEST_CASE("state: a module that does not opt in offers no extension") {
  TestHost host;
  mosaic_instance* inst = make<Stateless>(host);
  CHECK(inst->get_extension(inst, MOSAIC_EXT_STATE_ID) == nullptr);
  CHECK(inst->get_extension(inst, "mosaic.ext.other/1") == nullptr);
  inst->destroy(inst);
}

TEST_CASE("state: readers refuse implausible vectors") {
  auto bytes = mosaic::StateWriter().put<uint64_t>(uint64_t(1) << 40).take();
  mosaic::StateReader r(bytes);
  CHECK_THROWS_AS(r.get_vector<double>(), mosaic::Error);
}
