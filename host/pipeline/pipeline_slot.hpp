// A pipeline's per-module record, shared by the files that implement Pipeline. Internal.
#pragma once

#include "host/isolation/isolated_module.hpp"
#include "host/pipeline/pipeline.hpp"

#include <optional>

namespace mosaic::host {

struct Pipeline::Slot {
  ModuleSetup setup;  // declared first: the library stays loaded until the instance is gone
  ContractInfo contract_copy;  // the host's own: valid after the library is unloaded
  // The child process of an isolated module (setup.isolation); declared before `instance`,
  // whose calls it carries, so it outlives it.
  std::unique_ptr<isolation::IsolatedModule> isolated;
  std::string name;
  mosaic_instance* instance = nullptr;
  std::string create_error;  // set when create failed; the module then never runs
  ModuleStats stats;
  uint64_t cache_misses = 0;  // calls whose outputs were not in the cache
  uint64_t instance_calls = 0;  // calls of the current instance: its first is cold
  // Bit i for slot i: this module and every module whose outputs reached it, directly or
  // not, in its last call (set_searched).
  uint64_t upstream = 0;
  size_t index = 0;  // in run order, as of the current run
  std::vector<uint64_t> input_keys;  // of the current call's inputs (CallInputKeys), reused
  // The output cache key's part that only the setup decides (identity, library generation,
  // parameters), worked out on the first call after the setup changes.
  std::optional<uint64_t> setup_key;
  bool enabled = true;
  bool quarantined = false;
  uint64_t crashes_seen = 0;    // isolated->crashes() as last counted into stats
  int crashes_since_lift = 0;   // since the module was last enabled, reconfigured or swapped in
  const ContractInfo& contract() const { return contract_copy; }
  // Also runs when a pipeline's constructor throws half-way, for the slots built so far.
  ~Slot() {
    if (instance) instance->destroy(instance);
  }
};

}  // namespace mosaic::host
