#include "host/research/optional_modules.hpp"

#include <algorithm>
#include <iterator>

namespace mosaic::host::research {
namespace {

// What the modules run so far have produced: concrete port names, and families declared as
// outputs ("technical.*"), whose members are only known at run time.
struct Produced {
  std::set<std::string> ports;
  std::vector<PortInfo> families;

  // A family output may emit any member, so it is assumed to provide each one asked for.
  bool has(const PortInfo& input) const {
    if (!input.is_pattern())
      return ports.count(input.name) > 0 ||
             std::any_of(families.begin(), families.end(), [&](const PortInfo& f) { return f.matches(input.name); });
    const std::string stem = input.name.substr(0, input.name.size() - 1);
    return std::any_of(ports.begin(), ports.end(), [&](const std::string& p) { return input.matches(p); }) ||
           std::any_of(families.begin(), families.end(), [&](const PortInfo& f) {
             const std::string other = f.name.substr(0, f.name.size() - 1);
             return other.rfind(stem, 0) == 0 || stem.rfind(other, 0) == 0;
           });
  }
};

// The ports the backtest can trade (host/pipeline/weights_port.hpp picks between them).
const char* const kWeightsPorts[] = {"weights.final", "weights.target"};

bool runs(const ContractInfo& c, const Produced& produced) {
  return std::all_of(c.inputs.begin(), c.inputs.end(),
                     [&](const PortInfo& in) { return !in.required || produced.has(in); });
}

Produced simulate(const std::vector<NamedContract>& modules, const std::vector<std::string>& data_ports,
                  const std::set<std::string>& disabled, std::vector<std::string>* ran) {
  Produced produced;
  produced.ports.insert(data_ports.begin(), data_ports.end());
  for (const auto& m : modules) {
    if (disabled.count(m.name) || !runs(m.contract, produced)) continue;
    if (ran) ran->push_back(m.name);
    for (const auto& out : m.contract.outputs) {
      if (out.is_pattern())
        produced.families.push_back(out);
      else
        produced.ports.insert(out.name);
    }
  }
  return produced;
}

}  // namespace

std::vector<std::string> running_modules(const std::vector<NamedContract>& modules,
                                         const std::vector<std::string>& data_ports,
                                         const std::set<std::string>& disabled) {
  std::vector<std::string> ran;
  simulate(modules, data_ports, disabled, &ran);
  return ran;
}

bool produces_weights(const std::vector<NamedContract>& modules, const std::vector<std::string>& data_ports,
                      const std::set<std::string>& disabled) {
  const Produced produced = simulate(modules, data_ports, disabled, nullptr);
  return std::any_of(std::begin(kWeightsPorts), std::end(kWeightsPorts), [&](const char* w) {
    return produced.has(PortInfo{w, MOSAIC_LAYOUT_PANEL, true, {}});
  });
}

std::vector<std::string> optional_modules(const std::vector<NamedContract>& modules,
                                          const std::vector<std::string>& data_ports) {
  std::vector<std::string> names;
  if (!produces_weights(modules, data_ports)) return names;
  for (const auto& m : modules)
    if (produces_weights(modules, data_ports, {m.name})) names.push_back(m.name);
  return names;
}

std::vector<std::string> required_modules(const std::vector<NamedContract>& modules,
                                          const std::vector<std::string>& data_ports) {
  const std::vector<std::string> optional = optional_modules(modules, data_ports);
  std::vector<std::string> names;
  for (const auto& m : modules)
    if (std::find(optional.begin(), optional.end(), m.name) == optional.end()) names.push_back(m.name);
  return names;
}

}  // namespace mosaic::host::research
