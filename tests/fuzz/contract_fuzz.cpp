// The contract a module library declares, read as the loader reads it (read_contract): a
// hostile or broken module can declare anything the C struct can hold, null pointers and
// counts that disagree with them included, and the host must refuse it with a
// ContractError rather than crash.
#include "fuzz_input.hpp"

#include "host/registry/contract_info.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace {

class ContractBuilder {
 public:
  explicit ContractBuilder(mosaic_fuzz::FuzzInput& in) : in_(in) {}

  mosaic_contract build() {
    mosaic_contract c{};
    const uint32_t size_choice = in_.below(4);
    c.struct_size = size_choice == 0   ? static_cast<uint32_t>(offsetof(mosaic_contract, constraints))  // ABI 1.0
                    : size_choice == 1 ? in_.number<uint16_t>()
                                       : static_cast<uint32_t>(sizeof(mosaic_contract));
    c.role = in_.number<int8_t>();
    c.id = str();
    c.name = str();
    c.version = str();
    c.description = str();
    c.inputs = ports(c.n_inputs, true);
    c.outputs = ports(c.n_outputs, false);
    c.params = params(c.n_params);
    c.dependencies = dependencies(c.n_dependencies);
    c.sla.max_latency_ms = in_.number<double>();
    c.sla.min_confidence = in_.number<double>();
    c.constraints = strings(c.n_constraints);
    return c;
  }

 private:
  // Mostly text; now and then a null pointer.
  const char* str() {
    if (in_.below(16) == 0) return nullptr;
    return keep(in_.text());
  }
  const char* keep(std::string s) { return texts_.emplace_back(std::move(s)).c_str(); }

  // A count, and an array of that many; now and then a count without its array.
  template <class T>
  T* array(uint32_t& n, uint32_t most, std::deque<std::vector<T>>& store) {
    n = in_.below(most + 1);
    if (n > 0 && in_.below(32) == 0) {
      if (in_.below(2) == 0) n = in_.number<uint32_t>();
      return nullptr;
    }
    return store.emplace_back(n).data();
  }

  const mosaic_port* ports(uint32_t& n, bool inputs) {
    mosaic_port* p = array(n, 4, ports_);
    if (!p) return nullptr;
    for (uint32_t i = 0; i < n; ++i) {
      p[i].name = str();
      p[i].layout = in_.number<int8_t>();
      p[i].required = inputs ? in_.number<int8_t>() : 0;
      p[i].description = str();
    }
    return p;
  }

  const char* const* strings(uint32_t& n) {
    const char** s = array(n, 3, strings_);
    if (!s) return nullptr;
    for (uint32_t i = 0; i < n; ++i) s[i] = str();
    return s;
  }

  const mosaic_param_decl* params(uint32_t& n) {
    mosaic_param_decl* p = array(n, 6, params_);
    if (!p) return nullptr;
    for (uint32_t i = 0; i < n; ++i) {
      p[i].name = str();
      p[i].description = str();
      p[i].default_value.type = static_cast<int32_t>(in_.below(7));
      p[i].default_value.b = in_.number<int8_t>();
      p[i].default_value.i = in_.number<int64_t>();
      p[i].default_value.f = in_.number<double>();
      p[i].default_value.s = str();
      p[i].has_range = in_.number<int8_t>();
      p[i].flags = in_.number<int8_t>();
      p[i].min = in_.number<double>();
      p[i].max = in_.number<double>();
      p[i].step = in_.number<double>();
      p[i].choices = strings(p[i].n_choices);
      p[i].type = in_.below(7);
    }
    return p;
  }

  const mosaic_dependency* dependencies(uint32_t& n) {
    mosaic_dependency* d = array(n, 3, dependencies_);
    if (!d) return nullptr;
    for (uint32_t i = 0; i < n; ++i) {
      d[i].module = str();
      d[i].range = str();
    }
    return d;
  }

  mosaic_fuzz::FuzzInput& in_;
  std::deque<std::string> texts_;
  std::deque<std::vector<mosaic_port>> ports_;
  std::deque<std::vector<const char*>> strings_;
  std::deque<std::vector<mosaic_param_decl>> params_;
  std::deque<std::vector<mosaic_dependency>> dependencies_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mosaic_fuzz::FuzzInput in(data, size);
  ContractBuilder builder(in);
  const mosaic_contract c = builder.build();
  try {
    const mosaic::host::ContractInfo info = mosaic::host::read_contract(&c);
    (void)info.label();
  } catch (const mosaic::host::ContractError&) {
  }
  return 0;
}
