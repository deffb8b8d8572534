// Which modules of a pipeline the backtest can do without. A module is optional when the
// pipeline without it (and without everything the failure policy would then skip) still
// produces a weights port to trade; ablation and the optimizer's on/off switches use this.
#pragma once

#include "host/registry/contract_info.hpp"

#include <set>
#include <string>
#include <vector>

namespace mosaic::host::research {

struct NamedContract {
  std::string name;
  const ContractInfo& contract;
};

// The modules that would run (in run order) with `disabled` switched off: a module is
// skipped, as the pipeline's failure policy does, when one of its required inputs is
// absent; for a required family ("signal.*") that means no member is produced.
std::vector<std::string> running_modules(const std::vector<NamedContract>& modules,
                                         const std::vector<std::string>& data_ports,
                                         const std::set<std::string>& disabled = {});

// Whether the pipeline with `disabled` switched off still produces weights.final or
// weights.target.
bool produces_weights(const std::vector<NamedContract>& modules, const std::vector<std::string>& data_ports,
                      const std::set<std::string>& disabled = {});

// In run order. When the full pipeline produces no weights, nothing is optional.
std::vector<std::string> optional_modules(const std::vector<NamedContract>& modules,
                                          const std::vector<std::string>& data_ports);
// The complement of optional_modules, in run order.
std::vector<std::string> required_modules(const std::vector<NamedContract>& modules,
                                          const std::vector<std::string>& data_ports);

}  // namespace mosaic::host::research
