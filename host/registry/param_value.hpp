// A typed parameter value owned by the host (mosaic_value owns no string).
#pragma once

#include <mosaic/mosaic.h>

#include <cstdint>
#include <string>

namespace mosaic::host {

struct ParamValue {
  int32_t type = MOSAIC_PARAM_INT;
  bool b = false;
  int64_t i = 0;
  double f = 0.0;
  std::string s;

  static ParamValue of_int(int64_t v) { ParamValue p; p.type = MOSAIC_PARAM_INT; p.i = v; return p; }
  static ParamValue of_float(double v) { ParamValue p; p.type = MOSAIC_PARAM_FLOAT; p.f = v; return p; }
  static ParamValue of_bool(bool v) { ParamValue p; p.type = MOSAIC_PARAM_BOOL; p.b = v; return p; }
  static ParamValue of_string(std::string v, int32_t type = MOSAIC_PARAM_STRING) {
    ParamValue p; p.type = type; p.s = std::move(v); return p;
  }

  // Numeric view of INT and FLOAT values, for range checks.
  double number() const { return type == MOSAIC_PARAM_INT ? static_cast<double>(i) : f; }
  // As it would be written in TOML.
  std::string to_string() const;
  // The same text appended to `out`, for callers building long keys without temporaries.
  void append_to(std::string& out) const;
  // A view for the ABI; `s` must outlive it.
  mosaic_value to_c() const;
  bool operator==(const ParamValue& o) const;
};

const char* param_type_name(int32_t type);

}  // namespace mosaic::host
