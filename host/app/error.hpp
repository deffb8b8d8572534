// The errors the engine reports to its callers, as values with fields: what kind of
// problem it is and where it lies (file, line, key, module, port), so that a front end
// decides how to show it (an exit code, a Python exception, an HTTP status) without
// reading the message.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace mosaic::host::app {

enum class ErrorKind {
  Usage,   // a request that cannot be carried out as asked (a bad option value, a missing argument)
  Config,  // a config file or a plugin lock: file, line and key say where
  Data,    // an input data file: file and line say where
  Module,  // a module or library failed validation, loading or its contract: module, port, file
  Output,  // a result could not be written: file says where
};

const char* error_kind_name(ErrorKind kind);  // "usage", "config", "data", "module", "output"

// Where a problem lies; a field that does not apply stays empty (line 0). Every member has
// an initializer, so designated initializers may name only the fields that apply.
struct ErrorPlace {
  std::string file{};
  size_t line = 0;
  std::string key{};
  std::string module{};
  std::string port{};
};

// what() is the whole message, one or more lines, ready to show.
struct Error : std::runtime_error, ErrorPlace {
  Error(ErrorKind kind, const std::string& message, ErrorPlace place = {})
      : std::runtime_error(message), ErrorPlace(std::move(place)), kind(kind) {}
  ErrorKind kind;
};

}  // namespace mosaic::host::app
