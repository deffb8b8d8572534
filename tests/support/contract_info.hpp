// A contract as the loader reads it from a module: built through the SDK's C structs and
// read back by the host. The host's copy owns everything, so the C side can go at once.
#pragma once

#include "host/registry/contract_info.hpp"

#include <mosaic/contract.hpp>

namespace mosaic_test {

inline mosaic::host::ContractInfo contract_info(const mosaic::Contract& contract) {
  mosaic::ContractStorage storage;
  mosaic_contract raw{};
  storage.build(contract, &raw);
  return mosaic::host::read_contract(&raw);
}

}  // namespace mosaic_test
