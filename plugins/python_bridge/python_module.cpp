#include "python_module.hpp"

#include <mosaic/error.hpp>

#include <cstring>
#include <fstream>
#include <iterator>

namespace mosaic::python_bridge {
namespace {

[[noreturn]] void python_failed(const std::string& what) {
  throw Error(MOSAIC_ERR_FAILED, what + ":\n" + take_python_error());
}

// A new bars x assets float64 array (Fortran order: each asset's column contiguous) holding
// the panel's values.
Ref array_of(PyObject* numpy, const PanelView& panel) {
  Ref shape(Py_BuildValue("(nn)", static_cast<Py_ssize_t>(panel.rows()), static_cast<Py_ssize_t>(panel.assets())));
  Ref empty(PyObject_GetAttrString(numpy, "empty"));
  Ref args(PyTuple_Pack(1, shape.get()));
  Ref kwargs(Py_BuildValue("{s:s,s:s}", "dtype", "float64", "order", "F"));
  Ref array(empty && args && kwargs ? PyObject_Call(empty.get(), args.get(), kwargs.get()) : nullptr);
  if (!array) python_failed("numpy.empty");
  Py_buffer view{};
  if (PyObject_GetBuffer(array.get(), &view, PyBUF_F_CONTIGUOUS | PyBUF_WRITABLE) != 0) python_failed("the input array");
  auto* out = static_cast<double*>(view.buf);
  for (size_t a = 0; a < panel.assets(); ++a) {
    const auto column = panel.column(a);
    if (!column.empty()) std::memcpy(out + a * panel.rows(), column.data(), column.size() * sizeof(double));
  }
  PyBuffer_Release(&view);
  return array;
}

// Copies `value` (anything numpy.asfortranarray takes as float64, of shape rows x assets)
// into the writer's columns.
void copy_output(PyObject* numpy, PyObject* value, const std::string& port, PanelWriter& writer,
                 const std::string& file) {
  Ref as(PyObject_GetAttrString(numpy, "asfortranarray"));
  Ref kwargs(Py_BuildValue("{s:s}", "dtype", "float64"));
  Ref args(PyTuple_Pack(1, value));
  Ref array(as && kwargs && args ? PyObject_Call(as.get(), args.get(), kwargs.get()) : nullptr);
  if (!array) python_failed(file + ": output '" + port + "' is not an array of numbers");
  Py_buffer view{};
  if (PyObject_GetBuffer(array.get(), &view, PyBUF_F_CONTIGUOUS | PyBUF_FORMAT) != 0)
    python_failed(file + ": output '" + port + "'");
  const bool fits = view.ndim == 2 && static_cast<size_t>(view.shape[0]) == writer.rows() &&
                    static_cast<size_t>(view.shape[1]) == writer.assets();
  const std::string got = view.ndim == 2 ? std::to_string(view.shape[0]) + " x " + std::to_string(view.shape[1])
                                         : std::to_string(view.ndim) + " dimensions";
  if (fits) {
    const auto* in = static_cast<const double*>(view.buf);
    for (size_t a = 0; a < writer.assets(); ++a) {
      auto column = writer.column(a);
      if (!column.empty()) std::memcpy(column.data(), in + a * writer.rows(), column.size() * sizeof(double));
    }
  }
  PyBuffer_Release(&view);
  if (!fits)
    throw Error(MOSAIC_ERR_FAILED, file + ": output '" + port + "' is " + got + ", expected " +
                                       std::to_string(writer.rows()) + " x " + std::to_string(writer.assets()) +
                                       " (bars x assets, as the inputs)");
}

Ref value_of(const Params& params, const ParamSpec& p) {
  switch (p.type) {
    case MOSAIC_PARAM_INT: return Ref(PyLong_FromLongLong(params.get_int(p.name)));
    case MOSAIC_PARAM_FLOAT: return Ref(PyFloat_FromDouble(params.get_float(p.name)));
    case MOSAIC_PARAM_BOOL: return Ref(PyBool_FromLong(params.get_bool(p.name) ? 1 : 0));
    default: return Ref(PyUnicode_FromString(params.get_string(p.name).c_str()));
  }
}

}  // namespace

std::unique_ptr<PythonFile> load_python_file(const std::filesystem::path& path) {
  Gil gil;
  const std::string where = path.string();
  // Compiled from the source each time, never from __pycache__ (whose check, the file's
  // mtime in seconds and its size, misses an edit of the same size in the same second), and
  // registered in sys.modules under a name no other load of this process used, so that a
  // reload runs the new file and the module works as an imported one (pickle, dataclasses).
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(MOSAIC_ERR_FAILED, where + ": cannot be read");
  const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Ref code(Py_CompileString(source.c_str(), where.c_str(), Py_file_input));
  if (!code) python_failed(where + ": does not compile");
  PyObject* modules = PyImport_GetModuleDict();  // borrowed
  std::string name;
  for (uint64_t n = 1;; ++n) {
    name = "mosaic_module_" + path.stem().string() + "_" + std::to_string(n);
    if (!PyDict_GetItemString(modules, name.c_str())) break;
  }
  Ref module(PyModule_New(name.c_str()));
  if (!module) python_failed(where + ": cannot make its module");
  PyObject* globals = PyModule_GetDict(module.get());  // borrowed
  Ref file_name(PyUnicode_FromString(where.c_str()));
  if (PyDict_SetItemString(globals, "__file__", file_name.get()) != 0 ||
      PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) != 0 ||
      PyDict_SetItemString(modules, name.c_str(), module.get()) != 0)
    python_failed(where + ": cannot make its module");
  Ref ran(PyEval_EvalCode(code.get(), globals, globals));
  if (!ran) {
    const std::string why = take_python_error();
    PyDict_DelItemString(modules, name.c_str());
    PyErr_Clear();
    throw Error(MOSAIC_ERR_FAILED, where + ": importing it raised:\n" + why);
  }
  Ref contract(PyObject_GetAttrString(module.get(), "CONTRACT"));
  if (!contract) {
    PyErr_Clear();
    throw Error(MOSAIC_ERR_INVALID_ARGUMENT, where + ": no CONTRACT dict (the module's ports, parameters and SLA)");
  }
  PythonContract read = read_contract(contract.get(), where);
  Ref process(PyObject_GetAttrString(module.get(), "process"));
  if (!process || !PyCallable_Check(process.get())) {
    PyErr_Clear();
    throw Error(MOSAIC_ERR_INVALID_ARGUMENT, where + ": no process(inputs, params) function");
  }
  Ref numpy(PyImport_ImportModule("numpy"));
  if (!numpy) python_failed(where + ": numpy");
  return std::make_unique<PythonFile>(
      PythonFile{path, std::move(module), std::move(process), std::move(numpy), std::move(read)});
}

PythonModule::PythonModule(const PythonFile& file, const Params& params) : file_(file) {
  Gil gil;
  params_ = Ref(PyDict_New());
  for (const auto& p : file.contract.params) {
    Ref v = value_of(params, p);
    PyDict_SetItemString(params_.get(), p.name.c_str(), v.get());
  }
}

PythonModule::~PythonModule() {
  Gil gil;
  params_ = Ref();
}

void PythonModule::process(const Inputs& in, Outputs& out) {
  const std::string where = file_.path.string();
  std::optional<PanelView> first;
  Gil gil;
  PyObject* numpy = file_.numpy.get();
  Ref inputs(PyDict_New());
  for (const auto& name : file_.contract.inputs) {
    if (!in.has(name)) continue;  // an optional input that is absent
    const PanelView panel = in.panel(name);
    if (!first) first = panel;
    Ref array = array_of(numpy, panel);
    PyDict_SetItemString(inputs.get(), name.c_str(), array.get());
  }
  if (!first) throw Error(MOSAIC_ERR_MISSING_INPUT, where + ": no input panel to shape the outputs on");
  Ref params(PyDict_Copy(params_.get()));  // a call may not change the next one's parameters
  Ref result(PyObject_CallFunctionObjArgs(file_.process.get(), inputs.get(), params.get(), nullptr));
  if (!result) python_failed(where + ": process raised");
  if (!PyDict_Check(result.get()))
    throw Error(MOSAIC_ERR_FAILED, where + ": process returned " + std::string(Py_TYPE(result.get())->tp_name) +
                                       ", expected a dict of output name to array");
  for (const auto& port : file_.contract.outputs) {
    PyObject* value = PyDict_GetItemString(result.get(), port.c_str());
    if (!value) throw Error(MOSAIC_ERR_FAILED, where + ": process returned no '" + port + "'");
    copy_output(numpy, value, port, out.panel(port, *first), where);
  }
}

}  // namespace mosaic::python_bridge
