// Which outputs of a process call are warm-up (mosaic.ext.warmup/1), so that their
// confidence is not judged against the SLA: the module says so, and the output shows it.
#pragma once

#include "host/data/port_value.hpp"
#include "host/registry/contract_info.hpp"

#include <mosaic/mosaic.h>

#include <vector>

namespace mosaic::host {

// One flag per emitted output: true when the instance offers mosaic.ext.warmup/1, claims
// the output as warm-up, and the output is a panel whose last row holds no finite value.
// The last condition keeps the claim honest: confidence is about the last bar, and an
// output with a number there is judged whatever the module says. An instance without the
// extension (any module built before it) gets all false.
std::vector<bool> warmup_outputs(mosaic_instance* instance, const std::vector<PortValue>& emitted,
                                 const ContractInfo& contract);

// True when a panel has rows and none of its asset columns is finite at the last row.
bool last_row_empty(const ArrowSchema* schema, const ArrowArray* array);

}  // namespace mosaic::host
