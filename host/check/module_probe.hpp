// One module instance driven the way the pipeline drives it, for the checks: created with
// chosen parameters on a host whose allocator records every block it hands out, fed
// ports, and its emitted ports kept with whatever it did wrong while emitting.
#pragma once

#include "host/data/port_value.hpp"
#include "host/loader/library.hpp"
#include "host/registry/param_value.hpp"

#include <mosaic/arrow.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mosaic::host::check {

struct Emitted {
  std::string port;
  std::shared_ptr<ArrowBatch> batch;
  double confidence = 0;
};

struct ProcessOutcome {
  int32_t status = MOSAIC_OK;
  std::string error;                  // the module's message when status is not OK
  std::vector<Emitted> ports;         // accepted, in emit order
  std::vector<std::string> problems;  // emits refused or found wrong, and why
};

// The host table the checks give modules: the process's own, whose allocator, from the first
// call on, records every block it hands out (observe_allocations), so that memory from
// anywhere else in an output is found. Call it only in a check's child process.
const mosaic_host* tracking_host();
// Whether every block of the Arrow tree came from tracking_host's allocator; "" or where not.
std::string foreign_blocks(const ArrowSchema* schema, const ArrowArray* array);

class Probe {
 public:
  // Throws std::runtime_error with create's status and message when create refuses.
  Probe(const ModuleFactory& module, const std::map<std::string, ParamValue>& overrides = {});
  ~Probe();
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;

  ProcessOutcome process(const std::map<std::string, PortValue>& ports, const Shape& shape);
  mosaic_instance* instance() { return instance_; }

 private:
  const ModuleFactory& module_;
  mosaic_instance* instance_ = nullptr;
};

// The parameters at their defaults, with `overrides` applied.
std::vector<std::pair<std::string, ParamValue>> parameters(const ContractInfo& contract,
                                                           const std::map<std::string, ParamValue>& overrides);

// "" when both calls emitted the same ports with the same values (NaN equal to NaN), else
// the first difference. With `rows`, panels are compared on their first `rows` rows only,
// and tables not at all.
std::string difference(const ProcessOutcome& a, const ProcessOutcome& b, size_t rows = SIZE_MAX);

}  // namespace mosaic::host::check
