// One *.py module file: its Python module object, its contract, and the instances the host
// creates of it (a mosaic::Module whose process calls the file's process(inputs, params)).
#pragma once

#include "python_contract.hpp"

#include <mosaic/module.hpp>

#include <filesystem>
#include <memory>

namespace mosaic::python_bridge {

struct PythonFile {
  std::filesystem::path path;
  Ref module;    // the imported module
  Ref process;   // its process(inputs, params)
  Ref numpy;     // imported once: every call makes and reads arrays
  PythonContract contract;
};

// Imports `path` under a name of its own and reads its CONTRACT and process. Throws
// mosaic::Error naming the file (an import error carries the traceback's last lines).
// Takes the GIL.
std::unique_ptr<PythonFile> load_python_file(const std::filesystem::path& path);

class PythonModule final : public Module {
 public:
  PythonModule(const PythonFile& file, const Params& params);
  ~PythonModule() override;
  // Panels in as bars x assets float64 arrays, keyed by port name; the file's process returns
  // a dict of output name to an array of the first input's shape. Takes the GIL.
  void process(const Inputs& in, Outputs& out) override;

 private:
  const PythonFile& file_;
  Ref params_;  // the dict handed to every call
};

}  // namespace mosaic::python_bridge
