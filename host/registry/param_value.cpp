#include "host/registry/param_value.hpp"

#include <fmt/format.h>

namespace mosaic::host {

std::string ParamValue::to_string() const {
  switch (type) {
    case MOSAIC_PARAM_INT: return std::to_string(i);
    case MOSAIC_PARAM_FLOAT: {
      std::string t = fmt::format("{}", f);
      // Keep a float looking like a float, so it reads back as one.
      if (t.find_first_of(".eEn") == std::string::npos) t += ".0";
      return t;
    }
    case MOSAIC_PARAM_BOOL: return b ? "true" : "false";
    default: {
      std::string quoted = "\"";
      for (char c : s) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      return quoted + "\"";
    }
  }
}

mosaic_value ParamValue::to_c() const {
  mosaic_value v{};
  v.type = type;
  v.b = b ? 1 : 0;
  v.i = i;
  v.f = f;
  v.s = (type == MOSAIC_PARAM_STRING || type == MOSAIC_PARAM_ENUM) ? s.c_str() : nullptr;
  return v;
}

bool ParamValue::operator==(const ParamValue& o) const {
  if (type != o.type) return false;
  switch (type) {
    case MOSAIC_PARAM_INT: return i == o.i;
    case MOSAIC_PARAM_FLOAT: return f == o.f;
    case MOSAIC_PARAM_BOOL: return b == o.b;
    default: return s == o.s;
  }
}

const char* param_type_name(int32_t type) {
  switch (type) {
    case MOSAIC_PARAM_INT: return "int";
    case MOSAIC_PARAM_FLOAT: return "float";
    case MOSAIC_PARAM_BOOL: return "bool";
    case MOSAIC_PARAM_ENUM: return "enum";
    case MOSAIC_PARAM_STRING: return "string";
    default: return "unknown";
  }
}

}  // namespace mosaic::host
