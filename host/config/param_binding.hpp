// Checks a module's configured parameters against the declarations in its contract and
// fills in the defaults, so a module only ever sees valid, typed values.
#pragma once

#include "host/config/config_error.hpp"
#include "host/registry/contract_info.hpp"

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace mosaic::host {

struct BoundParam {
  std::string name;
  ParamValue value;
  bool operator==(const BoundParam& o) const { return name == o.name && value == o.value; }
};

// One value per declared parameter, in declaration order. Throws ConfigError naming
// `file`, the line and the key (e.g. modules.technical.params.fast) and what was expected.
// `params` may be nullptr (nothing configured: all defaults).
std::vector<BoundParam> bind_params(const ContractInfo& contract, const toml::table* params, const std::string& file);

// Checks one value against its declaration; returns "" when valid, else what was expected.
std::string check_param(const ParamInfo& decl, const ParamValue& value);

}  // namespace mosaic::host
