// The part of a configured pipeline that can run now. A serving host does not refuse to
// start because a module's library is not in the folder yet: it runs the modules whose
// contracts resolve, and keeps the rest waiting, with the reason, until a library that
// completes them appears.
#pragma once

#include "host/pipeline/pipeline.hpp"

#include <map>
#include <string>
#include <vector>

namespace mosaic::host::serve {

struct PartialPipeline {
  std::vector<ModuleSetup> serving;          // resolve together
  std::vector<std::string> order;            // of `serving`
  std::map<std::string, std::string> waiting;  // module -> why it cannot run yet
  std::map<std::string, ModuleSetup> parked;   // waiting modules whose library is loaded
};

// Resolves `fixed` (contracts that must stay: the live pipeline's) together with
// `candidates`, dropping the candidates that any issue names until the rest resolves.
// `wanted` are the config's modules: those in neither list wait for a library. Throws
// std::runtime_error when an issue names a fixed module or no module (a cycle among the
// fixed ones), which dropping candidates cannot cure.
PartialPipeline largest_resolvable(const std::vector<const ContractInfo*>& fixed, std::vector<ModuleSetup> candidates,
                                   const std::vector<std::string>& wanted,
                                   const std::map<std::string, int32_t>& data_layouts);

}  // namespace mosaic::host::serve
