// The config as `mosaic` reads it: the TOML text (through the guard in front of TOML++),
// every table the host reads, each module's [modules.<name>.params] bound to a contract
// with every kind of parameter, and [optimize] with its space and constraints turned into a
// search space. Each stage either accepts or throws its documented error.
#include "host/config/config.hpp"
#include "host/config/param_binding.hpp"
#include "host/registry/contract_info.hpp"
#include "host/research/constraint.hpp"
#include "host/research/search_space.hpp"

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace {

using namespace mosaic::host;

mosaic_param_decl decl(const char* name, mosaic_value value, double min = 0, double max = 0, double step = 0) {
  mosaic_param_decl d{};
  d.name = name;
  d.description = "";
  d.default_value = value;
  d.has_range = max > min;
  d.min = min;
  d.max = max;
  d.step = step;
  return d;
}

mosaic_value value(int32_t type) {
  mosaic_value v{};
  v.type = type;
  return v;
}

// fast and slow (ints with ranges, fast < slow), k (a continuous float), on (a bool), kind
// (an enum) and label (a string setting): one of each kind a contract declares.
const ContractInfo& contract() {
  static const char* const kinds[] = {"a", "b", "c"};
  static const char* const relations[] = {"fast < slow"};
  static const ContractInfo info = [] {
    mosaic_value fast = value(MOSAIC_PARAM_INT), slow = value(MOSAIC_PARAM_INT), k = value(MOSAIC_PARAM_FLOAT),
                 on = value(MOSAIC_PARAM_BOOL), kind = value(MOSAIC_PARAM_ENUM), label = value(MOSAIC_PARAM_STRING);
    fast.i = 10;
    slow.i = 50;
    k.f = 0.5;
    on.b = 1;
    kind.s = "a";
    label.s = "x";
    mosaic_param_decl params[] = {decl("fast", fast, 1, 200, 1), decl("slow", slow, 2, 400, 1), decl("k", k, 0, 1),
                                  decl("on", on),           decl("kind", kind),             decl("label", label)};
    params[4].choices = kinds;
    params[4].n_choices = 3;
    params[5].flags = MOSAIC_PARAM_SETTING;
    mosaic_port weights{};
    weights.name = "weights";
    weights.layout = MOSAIC_LAYOUT_PANEL;
    weights.description = "";
    mosaic_contract c{};
    c.struct_size = sizeof(mosaic_contract);
    c.role = MOSAIC_ROLE_PORTFOLIO;
    c.id = "org.fuzz.m";
    c.name = "m";
    c.version = "1.0.0";
    c.description = "";
    c.outputs = &weights;
    c.n_outputs = 1;
    c.params = params;
    c.n_params = 6;
    c.constraints = relations;
    c.n_constraints = 1;
    return read_contract(&c);
  }();
  return info;
}

void search_space(const Config& config) {
  std::vector<research::SpaceModule> modules;
  std::vector<std::string> names;
  for (const auto& [name, module] : config.module_configs) {
    try {
      modules.push_back({name, contract(), bind_params(contract(), module.params, "fuzz.toml"), module.enabled});
      names.push_back(name);
    } catch (const ConfigError&) {
    }
  }
  try {
    const research::SearchSpace space(modules, names, config.optimize.space);
    (void)space.size();
    for (const auto& text : config.optimize.constraints) {
      try {
        research::parse_constraint(text, space);
      } catch (const std::invalid_argument&) {
      }
    }
  } catch (const research::SpaceError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    search_space(parse_config(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml"));
  } catch (const ConfigError&) {
  }
  return 0;
}
