#include "host/serve/partial_pipeline.hpp"

#include "host/registry/registry.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace mosaic::host::serve {

PartialPipeline largest_resolvable(const std::vector<const ContractInfo*>& fixed, std::vector<ModuleSetup> candidates,
                                   const std::vector<std::string>& wanted,
                                   const std::map<std::string, int32_t>& data_layouts) {
  PartialPipeline out;
  std::set<std::string> known;
  for (const ContractInfo* c : fixed) known.insert(c->name);
  for (const auto& s : candidates) known.insert(s.factory->contract.name);
  for (const auto& name : wanted)
    if (!known.contains(name)) out.waiting[name] = "no library in the plugin folder offers it";

  for (;;) {
    std::vector<Candidate> all;
    for (const ContractInfo* c : fixed) all.push_back({c, c->name});
    for (const auto& s : candidates) all.push_back({&s.factory->contract, s.library->file().string()});
    Resolution r = resolve(all, data_layouts);
    if (r.ok()) {
      out.order = r.order;
      out.serving = std::move(candidates);
      return out;
    }
    std::set<std::string> dropped;
    for (const auto& issue : r.issues) {
      auto it = std::find_if(candidates.begin(), candidates.end(),
                             [&](const ModuleSetup& s) { return s.factory->contract.name == issue.module; });
      if (it == candidates.end()) throw std::runtime_error(issue.message);
      if (dropped.insert(issue.module).second) out.waiting[issue.module] = issue.message;
      else out.waiting[issue.module] += "; " + issue.message;
    }
    for (const auto& name : dropped) {
      auto it = std::find_if(candidates.begin(), candidates.end(),
                             [&](const ModuleSetup& s) { return s.factory->contract.name == name; });
      out.parked.emplace(name, std::move(*it));
      candidates.erase(it);
    }
  }
}

}  // namespace mosaic::host::serve
