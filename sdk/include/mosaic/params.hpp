// mosaic/params.hpp: typed read access to the parameters the host passes to create.
// The host has already validated every value against the contract, so a lookup only
// fails on a programming error (a name or type the contract does not declare).
#pragma once

#include <mosaic/error.hpp>
#include <mosaic/mosaic.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace mosaic {

class Params {
 public:
  Params(const mosaic_param_value* values, uint32_t count) : values_(values), count_(count) {}

  bool has(std::string_view name) const { return find(name) != nullptr; }
  int64_t get_int(std::string_view name) const { return get(name, MOSAIC_PARAM_INT).i; }
  double get_float(std::string_view name) const {
    const mosaic_value& v = any(name);
    if (v.type == MOSAIC_PARAM_INT) return static_cast<double>(v.i);
    return get(name, MOSAIC_PARAM_FLOAT).f;
  }
  bool get_bool(std::string_view name) const { return get(name, MOSAIC_PARAM_BOOL).b != 0; }
  std::string get_string(std::string_view name) const {
    const mosaic_value& v = any(name);
    if (v.type != MOSAIC_PARAM_STRING && v.type != MOSAIC_PARAM_ENUM) wrong_type(name);
    return v.s ? std::string(v.s) : std::string();
  }
  std::string get_enum(std::string_view name) const { return get_string(name); }

 private:
  const mosaic_value* find(std::string_view name) const {
    for (uint32_t i = 0; i < count_; ++i)
      if (values_[i].name && name == values_[i].name) return &values_[i].value;
    return nullptr;
  }
  const mosaic_value& any(std::string_view name) const {
    const mosaic_value* v = find(name);
    if (!v) throw Error(MOSAIC_ERR_INVALID_ARGUMENT, "parameter '" + std::string(name) + "' was not passed");
    return *v;
  }
  const mosaic_value& get(std::string_view name, int32_t type) const {
    const mosaic_value& v = any(name);
    if (v.type != type) wrong_type(name);
    return v;
  }
  [[noreturn]] static void wrong_type(std::string_view name) {
    throw Error(MOSAIC_ERR_INVALID_ARGUMENT, "parameter '" + std::string(name) + "' read with the wrong type");
  }
  const mosaic_param_value* values_;
  uint32_t count_;
};

}  // namespace mosaic
