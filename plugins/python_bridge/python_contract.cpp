#include "python_contract.hpp"

#include <mosaic/error.hpp>

#include <cmath>
#include <optional>

namespace mosaic::python_bridge {
namespace {

[[noreturn]] void bad(const std::string& file, const std::string& key, const std::string& expected) {
  throw Error(MOSAIC_ERR_INVALID_ARGUMENT, file + ": CONTRACT[" + key + "]: expected " + expected);
}

std::optional<std::string> text_of(PyObject* o) {
  if (!o || !PyUnicode_Check(o)) return std::nullopt;
  const char* s = PyUnicode_AsUTF8(o);
  return s ? std::optional<std::string>(s) : std::nullopt;
}

std::string required_text(PyObject* dict, const char* key, const std::string& file, const std::string& where) {
  auto s = text_of(PyDict_GetItemString(dict, key));
  if (!s || s->empty()) bad(file, where + key, "a non-empty str");
  return *s;
}

std::string optional_text(PyObject* dict, const char* key, const std::string& file, const std::string& where) {
  PyObject* o = PyDict_GetItemString(dict, key);
  if (!o || o == Py_None) return "";
  auto s = text_of(o);
  if (!s) bad(file, where + key, "a str");
  return *s;
}

double number(PyObject* dict, const char* key, const std::string& file, const std::string& where, double fallback) {
  PyObject* o = PyDict_GetItemString(dict, key);
  if (!o || o == Py_None) return fallback;
  if (PyBool_Check(o) || !(PyLong_Check(o) || PyFloat_Check(o))) bad(file, where + key, "a number");
  const double v = PyFloat_AsDouble(o);
  if (PyErr_Occurred()) {
    PyErr_Clear();
    bad(file, where + key, "a number a double can hold");
  }
  return v;
}

// An int parameter's value: within int64, and (for a bound given as a float) whole.
int64_t whole(double v, const std::string& file, const std::string& key) {
  if (!(v >= -9.2e18 && v <= 9.2e18) || v != std::floor(v)) bad(file, key, "a whole number within int64");
  return static_cast<int64_t>(v);
}

Role role_of(const std::string& name, const std::string& file) {
  if (name == "source") return Role::Source;
  if (name == "signal") return Role::Signal;
  if (name == "regime") return Role::Regime;
  if (name == "portfolio") return Role::Portfolio;
  if (name == "risk") return Role::Risk;
  bad(file, "\"role\"", "one of source, signal, regime, portfolio, risk, got \"" + name + "\"");
}

// A port list: each entry a name, or {"name", "optional", "description", "layout"}.
void read_ports(PyObject* dict, const char* key, bool inputs, const std::string& file, PythonContract& c) {
  PyObject* list = PyDict_GetItemString(dict, key);
  if (!list) {
    if (inputs) return;
    bad(file, std::string("\"") + key + "\"", "a list of port names");
  }
  if (!PyList_Check(list)) bad(file, std::string("\"") + key + "\"", "a list of port names or dicts");
  for (Py_ssize_t i = 0; i < PyList_Size(list); ++i) {
    PyObject* item = PyList_GetItem(list, i);
    const std::string where = std::string("\"") + key + "\"][" + std::to_string(i) + "][";
    std::string name, description;
    bool optional = false;
    if (auto s = text_of(item)) {
      name = *s;
    } else if (PyDict_Check(item)) {
      name = required_text(item, "name", file, where);
      description = optional_text(item, "description", file, where);
      PyObject* opt = PyDict_GetItemString(item, "optional");
      optional = opt && PyObject_IsTrue(opt) == 1;
      const std::string layout = optional_text(item, "layout", file, where);
      if (!layout.empty() && layout != "panel")
        bad(file, where + "layout", "\"panel\" (the Python bridge passes panels only), got \"" + layout + "\"");
    } else {
      bad(file, where.substr(0, where.size() - 1), "a port name or a dict with \"name\"");
    }
    if (name.empty()) bad(file, where + "name", "a non-empty port name");
    if (inputs) {
      if (optional) c.contract.optional_input(name, Layout::Panel, description);
      else c.contract.input(name, Layout::Panel, description);
      c.inputs.push_back(name);
    } else {
      c.contract.output(name, Layout::Panel, description);
      c.outputs.push_back(name);
    }
  }
}

void read_param(const std::string& name, PyObject* spec, const std::string& file, PythonContract& c) {
  const std::string where = "\"params\"][\"" + name + "\"][";
  if (!PyDict_Check(spec)) bad(file, where.substr(0, where.size() - 1), "a dict with \"type\" and \"default\"");
  const std::string type = required_text(spec, "type", file, where);
  const std::string description = optional_text(spec, "description", file, where);
  PyObject* def = PyDict_GetItemString(spec, "default");
  if (!def) bad(file, where + "default", "a default value");
  if (type == "int") {
    if (!PyLong_Check(def) || PyBool_Check(def)) bad(file, where + "default", "an int");
    const double min = number(spec, "min", file, where, NAN), max = number(spec, "max", file, where, NAN);
    if (std::isnan(min) || std::isnan(max)) bad(file, where + "min", "\"min\" and \"max\" for an int parameter");
    const long long value = PyLong_AsLongLong(def);
    if (value == -1 && PyErr_Occurred()) {
      PyErr_Clear();
      bad(file, where + "default", "an int within int64");
    }
    c.contract.param_int(name, value, whole(min, file, where + "min"), whole(max, file, where + "max"), description,
                         whole(number(spec, "step", file, where, 1), file, where + "step"));
    c.params.push_back({name, MOSAIC_PARAM_INT});
  } else if (type == "float") {
    if (!(PyFloat_Check(def) || PyLong_Check(def)) || PyBool_Check(def)) bad(file, where + "default", "a number");
    const double min = number(spec, "min", file, where, NAN), max = number(spec, "max", file, where, NAN);
    if (std::isnan(min) || std::isnan(max)) bad(file, where + "min", "\"min\" and \"max\" for a float parameter");
    const double value = PyFloat_AsDouble(def);
    if (PyErr_Occurred()) {
      PyErr_Clear();
      bad(file, where + "default", "a number a double can hold");
    }
    c.contract.param_float(name, value, min, max, description, number(spec, "step", file, where, 0));
    c.params.push_back({name, MOSAIC_PARAM_FLOAT});
  } else if (type == "bool") {
    if (!PyBool_Check(def)) bad(file, where + "default", "True or False");
    c.contract.param_bool(name, def == Py_True, description);
    c.params.push_back({name, MOSAIC_PARAM_BOOL});
  } else if (type == "enum") {
    auto d = text_of(def);
    if (!d) bad(file, where + "default", "a str");
    PyObject* choices = PyDict_GetItemString(spec, "choices");
    if (!choices || !PyList_Check(choices) || PyList_Size(choices) == 0)
      bad(file, where + "choices", "a non-empty list of str");
    std::vector<std::string> names;
    for (Py_ssize_t i = 0; i < PyList_Size(choices); ++i) {
      auto s = text_of(PyList_GetItem(choices, i));
      if (!s) bad(file, where + "choices", "a list of str");
      names.push_back(*s);
    }
    c.contract.param_enum(name, *d, names, description);
    c.params.push_back({name, MOSAIC_PARAM_ENUM});
  } else if (type == "str") {
    auto d = text_of(def);
    if (!d) bad(file, where + "default", "a str");
    c.contract.param_string(name, *d, description);
    c.params.push_back({name, MOSAIC_PARAM_STRING});
  } else {
    bad(file, where + "type", "one of int, float, bool, enum, str, got \"" + type + "\"");
  }
  PyObject* setting = PyDict_GetItemString(spec, "setting");
  if (setting && PyObject_IsTrue(setting) == 1) c.contract.setting();
}

}  // namespace

PythonContract read_contract(PyObject* dict, const std::string& file) {
  if (!dict || !PyDict_Check(dict)) throw Error(MOSAIC_ERR_INVALID_ARGUMENT, file + ": expected a dict named CONTRACT");
  const std::string name = required_text(dict, "name", file, "");
  PythonContract c{Contract(name, required_text(dict, "version", file, ""),
                            role_of(required_text(dict, "role", file, ""), file)),
                   {},
                   {},
                   {}};
  c.contract.id(required_text(dict, "id", file, ""));
  c.contract.describe(optional_text(dict, "description", file, ""));
  read_ports(dict, "inputs", true, file, c);
  read_ports(dict, "outputs", false, file, c);
  if (PyObject* params = PyDict_GetItemString(dict, "params")) {
    if (!PyDict_Check(params)) bad(file, "\"params\"", "a dict of parameter name to its declaration");
    PyObject *key = nullptr, *value = nullptr;
    for (Py_ssize_t pos = 0; PyDict_Next(params, &pos, &key, &value);) {
      auto pname = text_of(key);
      if (!pname) bad(file, "\"params\"", "str parameter names");
      read_param(*pname, value, file, c);
    }
  }
  if (PyObject* sla = PyDict_GetItemString(dict, "sla")) {
    if (!PyDict_Check(sla)) bad(file, "\"sla\"", "a dict with max_latency_ms and min_confidence");
    const double ms = number(sla, "max_latency_ms", file, "\"sla\"][", NAN);
    const double conf = number(sla, "min_confidence", file, "\"sla\"][", NAN);
    if (!std::isnan(ms)) c.contract.sla_latency_ms(ms);
    if (!std::isnan(conf)) c.contract.sla_min_confidence(conf);
  }
  if (PyObject* deps = PyDict_GetItemString(dict, "dependencies")) {
    if (!PyDict_Check(deps)) bad(file, "\"dependencies\"", "a dict of module name to version range");
    PyObject *key = nullptr, *value = nullptr;
    for (Py_ssize_t pos = 0; PyDict_Next(deps, &pos, &key, &value);) {
      auto module = text_of(key), range = text_of(value);
      if (!module || !range) bad(file, "\"dependencies\"", "str module names and str version ranges");
      c.contract.depends(*module, *range);
    }
  }
  return c;
}

}  // namespace mosaic::python_bridge
