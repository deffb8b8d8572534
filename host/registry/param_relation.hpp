// A relation among one module's own parameters that its contract declares, such as
// "fast < slow" (mosaic.h, mosaic_contract.constraints): checked when the contract is read,
// and handed to the optimizer, which never proposes a configuration that breaks it.
#pragma once

#include "host/registry/param_value.hpp"

#include <string>
#include <vector>

namespace mosaic::host {

struct ParamInfo;

struct ParamRelation {
  std::string text;         // as declared
  std::string left, right;  // a parameter's name or a number
  std::string op;           // <, <=, > or >=
  // The relation over the pipeline's parameters: each parameter named "module.param".
  std::string qualified(const std::string& module) const;
};

// Throws std::invalid_argument saying what was expected when `text` is not "LEFT OP RIGHT"
// over numbers and the numeric parameters in `params`, or names no parameter at all.
ParamRelation parse_param_relation(const std::string& text, const std::vector<ParamInfo>& params);

}  // namespace mosaic::host
