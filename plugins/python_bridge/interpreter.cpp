#include "interpreter.hpp"

#include <mosaic/error.hpp>

#include <dlfcn.h>

#include <mutex>
#include <sstream>
#include <vector>

namespace mosaic::python_bridge {

void ensure_interpreter() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (Py_IsInitialized()) return;  // the host runs inside Python (the mosaic package)
    // The host loaded this library with its symbols local; Python's own extension modules
    // (numpy's) expect the interpreter's symbols to be global, as in the python executable.
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&Py_InitializeEx), &info) && info.dli_fname)
      dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
    Py_InitializeEx(0);  // 0: the host keeps its own signal handlers
    if (!Py_IsInitialized()) throw Error(MOSAIC_ERR_FAILED, "the Python interpreter did not start");
    PyEval_SaveThread();  // the GIL is taken per call, from whichever thread calls
  });
}

std::string take_python_error(size_t traceback_lines) {
  if (!PyErr_Occurred()) return "";
  PyObject *type = nullptr, *value = nullptr, *traceback = nullptr;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  Ref t(type), v(value), tb(traceback);
  std::string text;
  Ref module(PyImport_ImportModule("traceback"));
  if (module) {
    Ref lines(PyObject_CallMethod(module.get(), "format_exception", "OOO", t.get() ? t.get() : Py_None,
                                  v.get() ? v.get() : Py_None, tb.get() ? tb.get() : Py_None));
    if (lines && PyList_Check(lines.get())) {
      std::vector<std::string> all;
      for (Py_ssize_t i = 0; i < PyList_Size(lines.get()); ++i) {
        const char* s = PyUnicode_AsUTF8(PyList_GetItem(lines.get(), i));
        if (s) all.emplace_back(s);
      }
      // The last frames and the exception line: where it went wrong, not the bridge's call.
      const size_t first = all.size() > traceback_lines ? all.size() - traceback_lines : 0;
      for (size_t i = first; i < all.size(); ++i) text += all[i];
    }
  }
  PyErr_Clear();
  if (text.empty() && v) {
    Ref s(PyObject_Str(v.get()));
    const char* c = s ? PyUnicode_AsUTF8(s.get()) : nullptr;
    text = c ? c : "a Python exception";
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace mosaic::python_bridge
