#include "host/pipeline/port_name_params.hpp"

#include "host/config/config_error.hpp"
#include "host/data/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>
#include <string_view>

namespace mosaic::host {
namespace {

// The name of each item: up to its ':' (or all of it), trimmed; empty items are skipped
// (the module reports its own syntax errors).
std::vector<std::string> item_names(std::string_view list) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= list.size()) {
    const size_t comma = std::min(list.find(',', at), list.size());
    std::string_view item = trim(list.substr(at, comma - at));
    at = comma + 1;
    item = trim(item.substr(0, std::min(item.find(':'), item.size())));
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

}  // namespace

void check_port_name_params(const Config& config, const std::vector<ModuleSetup>& setups,
                            const std::map<std::string, int32_t>& data_ports) {
  std::set<std::string> ports;
  for (const auto& [name, layout] : data_ports) ports.insert(name);
  for (const auto& s : setups)
    for (const auto& out : s.factory->contract.outputs)
      if (!out.is_pattern()) ports.insert(out.name);

  for (const auto& s : setups) {
    const ContractInfo& c = s.factory->contract;
    std::vector<std::string> families;  // "signal." for an input "signal.*"
    for (const auto& in : c.inputs)
      if (in.is_pattern()) families.push_back(in.name.substr(0, in.name.size() - 1));
    if (families.empty()) continue;
    for (const auto& d : c.params) {
      if (!d.names_ports) continue;
      const BoundParam* bound = nullptr;
      for (const auto& b : s.params)
        if (b.name == d.name) bound = &b;
      if (!bound) continue;
      for (const auto& name : item_names(bound->value.s)) {
        bool found = false;
        std::vector<std::string> tried;
        for (const auto& family : families) {
          const std::string port = name.rfind(family, 0) == 0 ? name : family + name;
          tried.push_back(port);
          found = found || ports.contains(port);
        }
        if (found) continue;
        std::vector<std::string> there;
        for (const auto& p : ports)
          for (const auto& family : families)
            if (p.rfind(family, 0) == 0) there.push_back(p);
        std::string family_list;
        for (const auto& family : families) family_list += (family_list.empty() ? "" : ", ") + family + "*";
        const ModuleConfig& mc = config.module(c.name);
        const toml::node* node = mc.params ? mc.params->get(d.name) : nullptr;
        const size_t line = node ? node->source().begin.line : 0;
        throw ConfigError(config.file.string(), line, fmt::format("modules.{}.params.{}", c.name, d.name),
                          fmt::format("'{}' names no port of this pipeline (looked for {}); the {} ports here: {}",
                                      name, fmt::join(tried, ", "), family_list,
                                      there.empty() ? std::string("none") : fmt::format("{}", fmt::join(there, ", "))));
      }
    }
  }
}

}  // namespace mosaic::host
