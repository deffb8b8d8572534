// The host's own copy of a module contract, read once from the C struct and checked, so
// nothing later depends on the library's memory or on malformed declarations.
#pragma once

#include "host/registry/param_relation.hpp"
#include "host/registry/param_value.hpp"
#include "host/registry/semver.hpp"
#include "host/registry/version_range.hpp"

#include <mosaic/mosaic.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mosaic::host {

struct PortInfo {
  std::string name;
  int32_t layout = MOSAIC_LAYOUT_PANEL;
  bool required = true;
  std::string description;
  bool is_pattern() const { return name.size() >= 2 && name.compare(name.size() - 2, 2, ".*") == 0; }
  bool matches(const std::string& port) const;
};

struct ParamInfo {
  std::string name;
  std::string description;
  ParamValue default_value;
  bool has_range = false;
  double min = 0, max = 0, step = 0;
  std::vector<std::string> choices;
  // A setting (numerics, a seed, a calendar, an output choice) rather than a strategy knob:
  // the optimizer leaves it out unless the config names it (mosaic.h, MOSAIC_PARAM_SETTING).
  bool setting = false;
  // A list of "name[:...]" items naming ports of the module's pattern inputs, checked
  // against the pipeline (MOSAIC_PARAM_NAMES_PORTS).
  bool names_ports = false;
  int32_t type() const { return default_value.type; }
};

struct DependencyInfo {
  std::string module;
  VersionRange range;
};

struct ContractInfo {
  std::string id;
  std::string name;
  Version version;
  std::string description;
  int32_t role = MOSAIC_ROLE_SIGNAL;
  std::vector<PortInfo> inputs;
  std::vector<PortInfo> outputs;
  std::vector<ParamInfo> params;
  std::vector<DependencyInfo> dependencies;
  mosaic_sla sla{0.0, 0.0};
  std::vector<ParamRelation> constraints;  // ABI 1.1; none from a 1.0 module

  const ParamInfo* param(const std::string& name) const;
  // The declared output that a concrete port name belongs to, if any.
  const PortInfo* output_for(const std::string& port) const;
  std::string label() const { return name + " " + version.str(); }
};

struct ContractError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads and checks a contract: struct size, names, role, layouts, semver version,
// dependency ranges, duplicate ports and params, parameter types, ranges and defaults.
ContractInfo read_contract(const mosaic_contract* c);

const char* role_name(int32_t role);
const char* layout_name(int32_t layout);

}  // namespace mosaic::host
