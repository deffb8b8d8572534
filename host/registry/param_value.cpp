#include "host/registry/param_value.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iterator>

namespace mosaic::host {

std::string ParamValue::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

void ParamValue::append_to(std::string& out) const {
  switch (type) {
    case MOSAIC_PARAM_INT: {  // what "{}" writes, without formatting machinery: a key per search config
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, i).ptr;
      out.append(digits, end);
      return;
    }
    case MOSAIC_PARAM_FLOAT: {
      const size_t at = out.size();
      fmt::format_to(std::back_inserter(out), "{}", f);
      // Keep a float looking like a float, so it reads back as one.
      if (out.find_first_of(".eEn", at) == std::string::npos) out += ".0";
      return;
    }
    case MOSAIC_PARAM_BOOL: out += b ? "true" : "false"; return;
    default: {
      out += '"';
      for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += '"';
      return;
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
