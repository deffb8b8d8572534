// The Python interpreter the bridge's modules run in: started by the first bridge that
// needs it (or the one already running when the host is itself inside Python, the mosaic
// package), never finalised (a second start in one process is not safe with numpy), and
// entered with the GIL for every call.
#pragma once

#include <Python.h>

#include <string>

namespace mosaic::python_bridge {

// Starts the interpreter if the process has none. Throws mosaic::Error when it cannot.
void ensure_interpreter();

// Holds the GIL for its lifetime, from any thread.
class Gil {
 public:
  Gil() : state_(PyGILState_Ensure()) {}
  ~Gil() { PyGILState_Release(state_); }
  Gil(const Gil&) = delete;
  Gil& operator=(const Gil&) = delete;

 private:
  PyGILState_STATE state_;
};

// A new reference, released on destruction (under the GIL, as every use here is).
class Ref {
 public:
  Ref() = default;
  explicit Ref(PyObject* p) : p_(p) {}
  Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  Ref& operator=(Ref&& o) noexcept {
    if (this != &o) {
      Py_XDECREF(p_);
      p_ = o.p_;
      o.p_ = nullptr;
    }
    return *this;
  }
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  ~Ref() { Py_XDECREF(p_); }
  PyObject* get() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
  PyObject* release() {
    PyObject* p = p_;
    p_ = nullptr;
    return p;
  }

 private:
  PyObject* p_ = nullptr;
};

// The pending Python exception as text (its type, message and the last lines of its
// traceback), cleared. "" when none is pending.
std::string take_python_error(size_t traceback_lines = 6);

}  // namespace mosaic::python_bridge
