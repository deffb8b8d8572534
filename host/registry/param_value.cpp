#include "host/registry/param_value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>

namespace mosaic::host {
namespace {

// The text of a float parameter. A search writes every configuration's key, and most of its
// float parameters keep one value throughout, so each thread keeps the last text it wrote
// for a few values (by their bits) instead of formatting them again.
void append_float(std::string& out, double f) {
  struct Entry {
    uint64_t bits = 0;
    uint8_t length = 0;  // 0: empty
    char text[39] = {};
  };
  thread_local std::array<Entry, 64> recent{};
  const uint64_t bits = std::bit_cast<uint64_t>(f);
  Entry& e = recent[(bits * 0x9e3779b97f4a7c15ULL) >> 58];
  if (e.length == 0 || e.bits != bits) {
    std::string text = fmt::format("{}", f);
    // Keep a float looking like a float, so it reads back as one.
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
    if (text.size() >= sizeof e.text) {  // longer than any double's shortest text; kept out all the same
      out += text;
      return;
    }
    e.bits = bits;
    e.length = static_cast<uint8_t>(text.size());
    std::copy(text.begin(), text.end(), e.text);
  }
  out.append(e.text, e.length);
}

}  // namespace

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
    case MOSAIC_PARAM_FLOAT: append_float(out, f); return;
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
