// A Python module's CONTRACT dict as the SDK's Contract: the same fields as the C++
// helpers (name, version, id, role, description, inputs, outputs, params, sla,
// dependencies). Panel ports only.
#pragma once

#include "interpreter.hpp"

#include <mosaic/contract.hpp>

#include <string>
#include <vector>

namespace mosaic::python_bridge {

struct ParamSpec {
  std::string name;
  int32_t type;  // MOSAIC_PARAM_*
};

struct PythonContract {
  Contract contract;
  std::vector<ParamSpec> params;  // declaration order, for handing values to process
  std::vector<std::string> inputs, outputs;
};

// Reads `dict` (the module's CONTRACT). Throws mosaic::Error naming `file` and the key at
// fault, and what was expected. Holds the GIL's caller's GIL.
PythonContract read_contract(PyObject* dict, const std::string& file);

}  // namespace mosaic::python_bridge
